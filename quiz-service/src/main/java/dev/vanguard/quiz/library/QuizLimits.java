package dev.vanguard.quiz.library;

/** The product's caps on a quiz (DESIGN §3 and issue 3); the schema enforces them too. */
final class QuizLimits {

	static final int TITLE_MAX = 120;

	static final int DESCRIPTION_MAX = 1000;

	static final int TAGS_MAX = 10;

	static final int TAG_MAX = 30;

	static final int QUESTIONS_MAX = 100;

	static final int QUESTION_TEXT_MAX = 500;

	static final int OPTIONS_MIN = 2;

	static final int OPTIONS_MAX = 6;

	static final int OPTION_TEXT_MAX = 120;

	static final int TIME_LIMIT_MIN = 5;

	static final int TIME_LIMIT_MAX = 240;

	static final int DEFAULT_TIME_LIMIT = 20;

	static final int ACCEPTED_ANSWERS_MAX = 10;

	static final int ACCEPTED_ANSWER_MAX = 100;

	static final int IMAGE_URL_MAX = 2048;

	private QuizLimits() {
	}

}
