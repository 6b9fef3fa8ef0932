package dev.vanguard.session.game;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.persistence.EntityManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vanguard.contracts.AnswerText;
import dev.vanguard.contracts.PointsMode;
import dev.vanguard.contracts.QuestionType;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.SessionOpened;
import dev.vanguard.session.player.PlayerTokens;
import dev.vanguard.session.quiz.QuizClient;
import dev.vanguard.session.quiz.QuizDocument;
import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/**
 * Opens sessions. Unlike every later change of a session, opening one takes no lock: the
 * row is new, and the unique index on live PINs decides a race for a PIN.
 */
@Service
class SessionOpening {

	private static final int PIN_ATTEMPTS = 20;

	private final GameSessionRepository sessions;

	private final SessionChanges changes;

	private final EntityManager entityManager;

	private final QuizClient quizzes;

	private final PlayerTokens tokens;

	private final SessionMetrics metrics;

	private final JsonMapper jsonMapper;

	private final TransactionTemplate transactions;

	private final SecureRandom random = new SecureRandom();

	SessionOpening(GameSessionRepository sessions, SessionChanges changes, EntityManager entityManager,
			QuizClient quizzes, PlayerTokens tokens, SessionMetrics metrics, JsonMapper jsonMapper,
			PlatformTransactionManager transactionManager) {
		this.sessions = sessions;
		this.changes = changes;
		this.entityManager = entityManager;
		this.quizzes = quizzes;
		this.tokens = tokens;
		this.metrics = metrics;
		this.jsonMapper = jsonMapper;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Opens a session of the quiz for {@code hostId}: a snapshot of the quiz as this
	 * session plays it, a free PIN, and the {@link SessionOpened} event.
	 */
	Views.SessionCreated create(UUID hostId, String bearerToken, UUID quizId, Settings settings) {
		QuizDocument quiz = this.quizzes.fetch(quizId, bearerToken, this.tokens.answerKeyGrant(hostId, quizId));
		if (quiz.questions().isEmpty()) {
			throw new ProblemException(ProblemType.QUIZ_NOT_PLAYABLE, "Quiz not playable",
					"The quiz \"" + quiz.title() + "\" has no questions; add at least one before hosting it.");
		}
		QuizSnapshot snapshot = snapshot(quiz, settings.randomiseOptions());
		String snapshotJson = this.jsonMapper.writeValueAsString(snapshot);
		for (int attempt = 1;; attempt++) {
			try {
				return this.transactions.execute((status) -> open(hostId, snapshot, snapshotJson, settings));
			}
			catch (DataIntegrityViolationException ex) {
				// another session took the same PIN between our check and insert
				if (attempt >= 3) {
					throw ex;
				}
			}
		}
	}

	private Views.SessionCreated open(UUID hostId, QuizSnapshot snapshot, String snapshotJson, Settings settings) {
		Instant now = this.changes.now();
		GameSession session = new GameSession(UUID.randomUUID(), hostId, snapshot, snapshotJson, freePin(), settings,
				now);
		this.entityManager.persist(session);
		this.entityManager.flush();
		this.changes.publish(new SessionOpened(session.getId(), session.nextSeq(now), now, hostId, session.getPin(),
				session.getQuizTitle(), session.getQuestionCount()));
		SessionChanges.afterCommit(this.metrics::sessionCreated);
		return Views.SessionCreated.of(session);
	}

	private String freePin() {
		for (int i = 0; i < PIN_ATTEMPTS; i++) {
			String pin = "%06d".formatted(this.random.nextInt(1_000_000));
			if (!this.sessions.existsLiveByPin(pin)) {
				return pin;
			}
		}
		throw new ProblemException(ProblemType.NO_FREE_PIN, "No free PIN",
				"No free game PIN was found; please try again.");
	}

	private QuizSnapshot snapshot(QuizDocument quiz, boolean randomise) {
		List<QuestionStarted.Question> questions = quiz.questions()
			.stream()
			.map((question) -> played(question, randomise))
			.toList();
		return new QuizSnapshot(quiz.id(), quiz.version(), quiz.title(), questions);
	}

	/** The question as this session plays it: options in their played order. */
	private QuestionStarted.Question played(QuizDocument.Question question, boolean randomise) {
		QuestionType type = question.type();
		List<QuizDocument.Option> options = new ArrayList<>(type.hasOptions() ? question.options() : List.of());
		// True/False keeps its order: shuffling it only confuses players
		if (randomise && type != QuestionType.TRUE_FALSE) {
			Collections.shuffle(options, this.random);
		}
		List<Integer> correct = type.isScored()
				? IntStream.range(0, options.size()).filter((i) -> options.get(i).correct()).boxed().toList()
				: List.of();
		List<String> accepted = (type == QuestionType.TYPE_ANSWER) ? question.acceptedAnswers()
			.stream()
			.map(AnswerText::normalise)
			.filter((answer) -> !answer.isEmpty())
			.distinct()
			.toList() : List.of();
		PointsMode points = (question.points() != null) ? question.points() : PointsMode.STANDARD;
		return new QuestionStarted.Question(type, question.text(), question.imageUrl(),
				Math.max(1, question.timeLimitSeconds()), type.isScored() ? points.points() : 0,
				options.stream().map(QuizDocument.Option::text).toList(), correct, accepted);
	}

}
