package dev.vanguard.quiz.library;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of a create or update, for the API docs only: requests are read by
 * {@link QuizDocumentReader}, which applies the rules described here.
 */
@Schema(name = "QuizRequest", description = "A quiz as written by its host")
record QuizRequest(@Schema(description = "1–120 characters", requiredMode = Schema.RequiredMode.REQUIRED) String title,
		@Schema(description = "at most 1000 characters") String description,
		@Schema(description = "PRIVATE (default) or PUBLIC") Visibility visibility,
		@Schema(description = "at most 10, each 1–30 characters; stored in lower case") List<String> tags,
		@Schema(description = "at most 100, in playing order") List<Question> questions,
		@Schema(description = "updates only: the version you loaded") Long version) {

	@Schema(name = "QuestionRequest")
	record Question(
			@Schema(description = "keep an existing question's id when editing; omit for new questions") UUID id,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {
					"SINGLE_CHOICE", "MULTIPLE_SELECT", "TRUE_FALSE", "TYPE_ANSWER", "POLL" }) String type,
			@Schema(description = "1–500 characters", requiredMode = Schema.RequiredMode.REQUIRED) String text,
			@Schema(description = "/api/quizzes/images/<sha256>.<ext> from an upload, or an https URL") String imageUrl,
			@Schema(description = "5–240, default 20") Integer timeLimitSeconds,
			@Schema(description = "STANDARD (default), DOUBLE or NONE; polls NONE",
					allowableValues = { "STANDARD", "DOUBLE", "NONE" }) String points,
			@Schema(description = "2–6 for every type but TYPE_ANSWER") List<Option> options,
			@Schema(description = "TYPE_ANSWER only: 1–10, each 1–100 characters") List<String> acceptedAnswers){

	}

	@Schema(name = "OptionRequest")
	record Option(@Schema(description = "1–120 characters") String text, Boolean correct) {

	}

}
