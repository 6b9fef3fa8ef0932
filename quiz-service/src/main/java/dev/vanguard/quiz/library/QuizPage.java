package dev.vanguard.quiz.library;

import java.util.List;

/** One page of a listing; the shape stays the same whatever the filters. */
record QuizPage(List<QuizSummary> items, int page, int size, long totalItems, int totalPages) {

	static QuizPage of(List<QuizSummary> items, int page, int size, long totalItems) {
		int totalPages = (int) ((totalItems + size - 1) / size);
		return new QuizPage(List.copyOf(items), page, size, totalItems, totalPages);
	}

}
