package dev.vanguard.session.game;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.vanguard.contracts.QuestionType;
import dev.vanguard.contracts.events.QuestionStarted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The state machine of a session, without Spring or a database: which action each state
 * allows, where it leads, and the refusals in between.
 */
class GameSessionTests {

	private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

	private static final Duration LIMIT = Duration.ofSeconds(20);

	@Test
	void startOpensTheFirstQuestionOnlyFromTheLobby() {
		GameSession session = session(2, false);
		session.start(T0, LIMIT);
		assertThat(session.getStatus()).isEqualTo(SessionStatus.QUESTION);
		assertThat(session.getQuestionIndex()).isZero();
		assertThat(session.getStartedAt()).isEqualTo(T0);
		assertThat(session.getQuestionDeadline()).isEqualTo(T0.plus(LIMIT));
		assertRefused(() -> session.start(T0, LIMIT), "Cannot start: the session is in QUESTION (question 1 of 2)");
	}

	@Test
	void revealClosesTheOpenQuestionEarlyAndEndsItsTime() {
		GameSession session = started(2);
		Instant early = T0.plusSeconds(5);
		session.reveal(early);
		assertThat(session.getStatus()).isEqualTo(SessionStatus.REVEAL);
		assertThat(session.getRevealedAt()).isEqualTo(early);
		assertThat(session.getQuestionDeadline()).isEqualTo(early);
		assertRefused(() -> session.reveal(early), "Cannot reveal: the session is in REVEAL");
		assertRefused(() -> session.skip(early), "Cannot skip: the session is in REVEAL");
		assertRefused(() -> session.closeQuestion(early), "Cannot close the question");
	}

	@Test
	void revealAndSkipAreRefusedInTheLobby() {
		GameSession session = session(2, false);
		assertRefused(() -> session.reveal(T0), "Cannot reveal: the session is in LOBBY, this needs QUESTION.");
		assertRefused(() -> session.skip(T0), "Cannot skip: the session is in LOBBY");
	}

	@Test
	void nextOpensTheFollowingQuestionThenThePodiumAfterTheLast() {
		GameSession session = started(2);
		assertRefused(() -> session.next(T0, (index) -> LIMIT), "Cannot go to the next question");
		session.reveal(T0.plusSeconds(1));
		session.next(T0.plusSeconds(2), (index) -> Duration.ofSeconds(10 * (index + 1)));
		assertThat(session.getStatus()).isEqualTo(SessionStatus.QUESTION);
		assertThat(session.getQuestionIndex()).isEqualTo(1);
		assertThat(session.getQuestionDeadline()).isEqualTo(T0.plusSeconds(22));
		assertThat(session.getRevealedAt()).isNull();
		session.skip(T0.plusSeconds(3));
		session.advance(T0.plusSeconds(4), (index) -> LIMIT);
		assertThat(session.getStatus()).isEqualTo(SessionStatus.PODIUM);
		assertRefused(() -> session.advance(T0, (index) -> LIMIT), "Cannot move on: the session is in PODIUM");
	}

	@Test
	void endIsAllowedFromEveryStateButOnce() {
		GameSession session = started(1);
		session.end(T0.plusSeconds(1));
		assertThat(session.isEnded()).isTrue();
		assertThat(session.getEndedAt()).isEqualTo(T0.plusSeconds(1));
		assertRefused(() -> session.end(T0), "The session has already ended.");
		GameSession lobby = session(1, false);
		lobby.end(T0);
		assertThat(lobby.isEnded()).isTrue();
	}

	@Test
	void theLobbyCanChangeAndPlayersBeRemovedOrBannedUntilTheEnd() {
		GameSession session = session(1, false);
		session.configureLobby(true, 3, true, false);
		session.checkPlayerRemovable();
		session.checkNicknameBannable();
		session.end(T0);
		assertRefused(() -> session.configureLobby(false, null, false, false),
				"The session has ended; its lobby cannot change.");
		assertRefused(session::checkPlayerRemovable, "The session has ended; players can no longer be removed.");
		assertRefused(session::checkNicknameBannable, "The session has ended; nothing can be banned from it.");
	}

	@Test
	void aCappedLobbyIsFullAtItsCap() {
		GameSession session = session(1, false);
		assertThat(session.isFull(1_000_000)).isFalse();
		session.configureLobby(false, 2, false, false);
		assertThat(session.isFull(1)).isFalse();
		assertThat(session.isFull(2)).isTrue();
	}

	@Test
	void joiningIsRefusedWhenLockedStartedWithoutLateJoinOrOver() {
		GameSession lobby = session(1, false);
		lobby.checkJoinable();
		lobby.configureLobby(true, null, false, false);
		assertThat(lobby.isJoinable()).isFalse();
		assertThatExceptionOfType(SessionStateException.class).isThrownBy(lobby::checkJoinable)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(SessionStateException.Reason.LOBBY_LOCKED));

		GameSession started = started(1);
		assertThat(started.isJoinable()).isFalse();
		assertRefused(started::checkJoinable, "does not allow late joining");

		GameSession lateJoin = session(1, true);
		lateJoin.start(T0, LIMIT);
		assertThat(lateJoin.isJoinable()).isTrue();
		lateJoin.checkJoinable();
		lateJoin.reveal(T0);
		lateJoin.advance(T0, (index) -> LIMIT);
		assertRefused(lateJoin::checkJoinable, "The game is over (PODIUM)");
	}

	@Test
	void theClockClosesTheQuestionOnlyOnceItsTimeAndGraceAreUp() {
		GameSession session = started(1);
		Instant deadline = T0.plus(LIMIT);
		assertThat(session.isPastDeadline(deadline.minusMillis(1), Duration.ZERO)).isFalse();
		assertThat(session.isPastDeadline(deadline, Duration.ZERO)).isTrue();
		assertThat(session.isPastDeadline(deadline, Duration.ofSeconds(1))).isFalse();
		assertThat(session.moveQuestionTime(T0.plusSeconds(5), deadline.plusSeconds(5))).isTrue();
		assertThat(session.moveQuestionTime(T0, deadline)).as("never earlier").isFalse();
		assertThat(session.isPastDeadline(deadline, Duration.ZERO)).isFalse();
		session.closeQuestion(deadline.plusSeconds(5));
		assertThat(session.getStatus()).isEqualTo(SessionStatus.REVEAL);
	}

	@Test
	void onlyAStartedGameIsMarkedAsHavingLostItsLiveState() {
		GameSession lobby = session(1, false);
		assertThat(lobby.markLiveStateLost()).isFalse();
		assertThat(lobby.isLiveStateLost()).isFalse();
		GameSession started = started(1);
		assertThat(started.markLiveStateLost()).isTrue();
		assertThat(started.isLiveStateLost()).isTrue();
	}

	private static GameSession started(int questions) {
		GameSession session = session(questions, false);
		session.start(T0, LIMIT);
		return session;
	}

	private static GameSession session(int questionCount, boolean lateJoin) {
		QuestionStarted.Question question = new QuestionStarted.Question(QuestionType.SINGLE_CHOICE, "2 + 2?", null, 20,
				1000, List.of("3", "4"), List.of(1), List.of());
		QuizSnapshot quiz = new QuizSnapshot(UUID.randomUUID(), 1, "Sums",
				Collections.nCopies(questionCount, question));
		return new GameSession(UUID.randomUUID(), UUID.randomUUID(), quiz, "{}", "123456",
				new Settings(false, lateJoin, false), T0);
	}

	private static void assertRefused(Runnable action, String detail) {
		assertThatExceptionOfType(SessionStateException.class).isThrownBy(action::run)
			.withMessageContaining(detail)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(SessionStateException.Reason.INVALID_SESSION_STATE));
	}

}
