package dev.vanguard.quiz.library;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The library's use cases. Who may do what is decided here: the owner everything, any
 * host reads and copies a public quiz, and a private quiz of someone else does not exist.
 */
@Service
public class QuizService {

	private final QuizRepository quizzes;

	private final QuizSearch search;

	private final QuizMetrics metrics;

	private final Clock clock;

	QuizService(QuizRepository quizzes, QuizSearch search, QuizMetrics metrics, Clock clock) {
		this.quizzes = quizzes;
		this.search = search;
		this.metrics = metrics;
		this.clock = clock;
	}

	@Transactional
	public QuizView create(UUID host, QuizContent content) {
		Quiz quiz = this.quizzes.saveAndFlush(Quiz.create(host, content, now()));
		this.metrics.created();
		return QuizView.of(quiz);
	}

	/**
	 * The quiz as {@code host} may read it: with its answer key for the owner, or when
	 * session-service granted it for a session this host opens
	 * ({@code answerKeyGranted}); a public quiz of someone else without.
	 */
	@Transactional(readOnly = true)
	public QuizView get(UUID host, UUID id, boolean answerKeyGranted) {
		Quiz visible = visible(host, id);
		QuizView quiz = QuizView.of(visible, visible.isOwnedBy(host) || answerKeyGranted);
		this.metrics.fetched();
		return quiz;
	}

	/**
	 * The quiz as written, without ids, for export: only the owner's, since a file holds
	 * the answers (another host copies a public quiz instead).
	 */
	@Transactional(readOnly = true)
	public QuizContent content(UUID host, UUID id) {
		return owned(host, id).content().withoutIds();
	}

	@Transactional
	public QuizView update(UUID host, UUID id, long expectedVersion, QuizContent content) {
		Quiz quiz = owned(host, id);
		if (quiz.version() != expectedVersion) {
			throw new QuizVersionConflictException(expectedVersion, quiz.version());
		}
		quiz.revise(content, now());
		// Flushing here makes a concurrent winner surface as a conflict now, and gives
		// the
		// response the new version.
		this.quizzes.saveAndFlush(quiz);
		this.metrics.updated();
		return QuizView.of(quiz);
	}

	@Transactional
	public void delete(UUID host, UUID id) {
		this.quizzes.delete(owned(host, id));
		this.metrics.deleted();
	}

	/** A private copy in the host's own library: new ids, the host as owner. */
	@Transactional
	public QuizView copy(UUID host, UUID id) {
		QuizContent content = visible(host, id).content().privateCopy();
		return create(host, content);
	}

	@Transactional(readOnly = true)
	QuizPage list(UUID host, QuizSearch.Query query) {
		QuizPage page = this.search.find(host, query);
		this.metrics.listed();
		return page;
	}

	private Quiz visible(UUID host, UUID id) {
		return this.quizzes.findById(id)
			.filter((quiz) -> quiz.isVisibleTo(host))
			.orElseThrow(() -> new QuizNotFoundException(id));
	}

	private Quiz owned(UUID host, UUID id) {
		Quiz quiz = visible(host, id);
		if (!quiz.isOwnedBy(host)) {
			throw new NotQuizOwnerException(id);
		}
		return quiz;
	}

	/** PostgreSQL keeps microseconds; responses say exactly what a later read will. */
	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
