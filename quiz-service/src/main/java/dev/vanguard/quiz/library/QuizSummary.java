package dev.vanguard.quiz.library;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A quiz in a list: enough to show a card and pick it, never its questions or answers.
 */
record QuizSummary(UUID id, UUID ownerId, String title, String description, Visibility visibility, List<String> tags,
		int questionCount, long version, Instant createdAt, Instant updatedAt) {

}
