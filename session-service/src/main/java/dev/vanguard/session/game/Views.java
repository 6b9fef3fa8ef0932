package dev.vanguard.session.game;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import dev.vanguard.session.player.Player;

/** The JSON shapes of the session endpoints. */
public final class Views {

	private Views() {
	}

	record SessionCreated(UUID id, String pin, SessionStatus status, String quizTitle, int questionCount,
			Settings settings, Instant createdAt) {

		static SessionCreated of(GameSession session) {
			return new SessionCreated(session.getId(), session.getPin(), session.getStatus(), session.getQuizTitle(),
					session.getQuestionCount(), session.getSettings(), session.getCreatedAt());
		}

	}

	/**
	 * Where a session stands after a host control.
	 *
	 * @param questionIndex the open or last question (0-based), -1 before the first
	 * @param lastSeq the seq of the last event published for the session
	 */
	record SessionState(UUID id, SessionStatus status, int questionIndex, int questionCount, Instant questionStartedAt,
			Instant questionDeadline, long lastSeq) {

		static SessionState of(GameSession session) {
			return new SessionState(session.getId(), session.getStatus(), session.getQuestionIndex(),
					session.getQuestionCount(), session.getQuestionStartedAt(), session.getQuestionDeadline(),
					session.getLastSeq());
		}

	}

	record SessionSummary(UUID id, String pin, SessionStatus status, String quizTitle, int questionCount,
			long playerCount, Instant createdAt, Instant startedAt, Instant endedAt) {

		static SessionSummary of(GameSession session, long playerCount) {
			return new SessionSummary(session.getId(), session.getPin(), session.getStatus(), session.getQuizTitle(),
					session.getQuestionCount(), playerCount, session.getCreatedAt(), session.getStartedAt(),
					session.getEndedAt());
		}

	}

	record SessionDetails(UUID id, String pin, SessionStatus status, UUID quizId, String quizTitle, int questionCount,
			int questionIndex, Instant questionStartedAt, Instant questionDeadline, Settings settings,
			Instant createdAt, Instant startedAt, Instant endedAt, long lastSeq, Lobby lobby, List<PlayerView> players,
			List<String> bannedNicknames) {

		static SessionDetails of(GameSession session, List<Player> players, List<String> bannedNicknames) {
			return new SessionDetails(session.getId(), session.getPin(), session.getStatus(), session.getQuizId(),
					session.getQuizTitle(), session.getQuestionCount(), session.getQuestionIndex(),
					session.getQuestionStartedAt(), session.getQuestionDeadline(), session.getSettings(),
					session.getCreatedAt(), session.getStartedAt(), session.getEndedAt(), session.getLastSeq(),
					Lobby.of(session), players.stream().map(PlayerView::of).toList(), bannedNicknames);
		}

	}

	record PlayerView(UUID id, String nickname, Instant joinedAt) {

		static PlayerView of(Player player) {
			return new PlayerView(player.getId(), player.getNickname(), player.getJoinedAt());
		}

	}

	record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {
	}

	/**
	 * The host's lobby controls.
	 *
	 * @param maxPlayers the cap, or null for none
	 * @param joinPattern with two-step join, the shapes to show on the host's screen in
	 * order; otherwise null
	 * @param friendlyNicknames whether the server names joining players
	 */
	public record Lobby(boolean locked, Integer maxPlayers, boolean twoStepJoin, List<String> joinPattern,
			boolean friendlyNicknames) {

		public static Lobby of(GameSession session) {
			return new Lobby(session.isLocked(), session.getMaxPlayers(), session.isTwoStepJoin(),
					JoinPattern.shapes(session.getJoinPattern()), session.isFriendlyNicknames());
		}

	}

}
