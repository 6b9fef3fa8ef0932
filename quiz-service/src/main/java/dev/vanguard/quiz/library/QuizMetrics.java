package dev.vanguard.quiz.library;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/** What hosts do with the library, for the Grafana dashboard. */
@Component
class QuizMetrics {

	private final Counter creations;

	private final Counter updates;

	private final Counter deletes;

	private final Counter fetches;

	private final Counter listings;

	QuizMetrics(MeterRegistry meters) {
		this.creations = Counter.builder("quiz.creations")
			.description("Quizzes created, copied or imported")
			.register(meters);
		this.updates = Counter.builder("quiz.updates").description("Quizzes revised").register(meters);
		this.deletes = Counter.builder("quiz.deletes").description("Quizzes deleted").register(meters);
		this.fetches = Counter.builder("quiz.fetches").description("Whole quizzes read").register(meters);
		this.listings = Counter.builder("quiz.listing.requests").description("Library listings").register(meters);
	}

	void created() {
		this.creations.increment();
	}

	void updated() {
		this.updates.increment();
	}

	void deleted() {
		this.deletes.increment();
	}

	void fetched() {
		this.fetches.increment();
	}

	void listed() {
		this.listings.increment();
	}

}
