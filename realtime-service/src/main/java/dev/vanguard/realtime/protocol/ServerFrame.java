package dev.vanguard.realtime.protocol;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import dev.vanguard.contracts.QuestionType;

/**
 * A frame the server sends: JSON with a {@code type} and the session's {@code seq}.
 *
 * <p>
 * Frames that follow from session events ({@code lobby}, {@code players_joined},
 * {@code player_kicked}, {@code player_count}, {@code question}, {@code reveal},
 * {@code result}, {@code podium}, {@code final_result}, {@code session_ended}) carry the
 * {@code seq} of the (last) event they tell of; a client ignores one whose {@code seq} is
 * not above the last it applied (the catch-up frame sets that mark). The other frames
 * ({@code catchup}, {@code answer_accepted}, {@code answer_count}, {@code error},
 * {@code pong}) carry the last seq the server had applied when it sent them and are never
 * ignored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ServerFrame.Catchup.class, name = "catchup"),
		@JsonSubTypes.Type(value = ServerFrame.Lobby.class, name = "lobby"),
		@JsonSubTypes.Type(value = ServerFrame.PlayersJoined.class, name = "players_joined"),
		@JsonSubTypes.Type(value = ServerFrame.PlayerKicked.class, name = "player_kicked"),
		@JsonSubTypes.Type(value = ServerFrame.PlayerCount.class, name = "player_count"),
		@JsonSubTypes.Type(value = ServerFrame.Question.class, name = "question"),
		@JsonSubTypes.Type(value = ServerFrame.AnswerCount.class, name = "answer_count"),
		@JsonSubTypes.Type(value = ServerFrame.AnswerAccepted.class, name = "answer_accepted"),
		@JsonSubTypes.Type(value = ServerFrame.Error.class, name = "error"),
		@JsonSubTypes.Type(value = ServerFrame.Reveal.class, name = "reveal"),
		@JsonSubTypes.Type(value = ServerFrame.Result.class, name = "result"),
		@JsonSubTypes.Type(value = ServerFrame.Podium.class, name = "podium"),
		@JsonSubTypes.Type(value = ServerFrame.FinalResult.class, name = "final_result"),
		@JsonSubTypes.Type(value = ServerFrame.SessionEnded.class, name = "session_ended"),
		@JsonSubTypes.Type(value = ServerFrame.Pong.class, name = "pong") })
public sealed interface ServerFrame {

	long seq();

	/**
	 * Everything a client needs to draw its current screen; the first frame on every
	 * connection, and sent again whenever the server finds it may have missed a
	 * broadcast. Fields that do not apply to the role or the status are absent.
	 *
	 * @param role {@code HOST} or {@code PLAYER}
	 * @param you the player's own id and nickname (players only)
	 * @param status LOBBY, QUESTION, REVEAL, PODIUM or ENDED
	 * @param pin the join PIN (host only)
	 * @param questionIndex the open or last question, -1 in the lobby
	 * @param question the open (QUESTION) or last revealed (REVEAL) question, without its
	 * answers
	 * @param timeLeftMs milliseconds until the deadline by the server's clock (QUESTION)
	 * @param answer what this player already answered to the open question, if anything
	 * @param answerCount answers so far to the open question (host only)
	 * @param players the lobby roster (host only)
	 * @param reveal the last reveal (REVEAL)
	 * @param result this player's result for the last reveal (REVEAL, players only)
	 * @param podium the top 3 (PODIUM)
	 * @param standing this player's total score, rank and streak (players only)
	 */
	record Catchup(long seq, long serverTime, UUID sessionId, String role, You you, String status, String title,
			String pin, int questionCount, int questionIndex, QuestionView question, Long timeLeftMs, YourAnswer answer,
			Integer answerCount, List<RosterEntry> players, int playerCount, Reveal reveal, Result result,
			Podium podium, Standing standing, LobbyControls lobby) implements ServerFrame {
	}

	/**
	 * The host's lobby controls, in the host's catch-up only: {@code maxPlayers} null
	 * when uncapped, {@code joinPattern} the shapes to show with two-step join, else
	 * null.
	 */
	record LobbyControls(boolean locked, Integer maxPlayers, boolean twoStepJoin, List<String> joinPattern) {
	}

	/** The session opened (its lobby). */
	record Lobby(long seq, String title, int questionCount) implements ServerFrame {
	}

	/**
	 * The players who joined since the host's last roster frame, in join order (host
	 * only, at most one frame per roster interval). {@code seq} is the last join's and
	 * {@code playerCount} the count right after it.
	 */
	record PlayersJoined(long seq, List<JoinedPlayer> players, int playerCount) implements ServerFrame {
	}

	/** One player in {@link PlayersJoined}. */
	record JoinedPlayer(UUID playerId, String nickname) {
	}

	/**
	 * How many players are in the lobby (players only, at most one frame per player count
	 * interval, only when it changed): never who they are. {@code seq} is the join or
	 * kick that made the count.
	 */
	record PlayerCount(long seq, int playerCount) implements ServerFrame {
	}

	/** The host kicked a player (host only; the player's socket is closed with 4410). */
	record PlayerKicked(long seq, UUID playerId, String nickname, int playerCount) implements ServerFrame {
	}

	/**
	 * Question {@code questionIndex} is open until {@code deadline} (epoch ms, server
	 * clock). {@code createdAt} is when session-service opened it; {@code serverTime}
	 * when this instance sent the frame, so a client can correct its clock.
	 */
	record Question(long seq, long createdAt, long serverTime, int questionIndex, int questionCount,
			QuestionView question, long startedAt, long deadline) implements ServerFrame {

		public Question withServerTime(long now) {
			return new Question(this.seq, this.createdAt, now, this.questionIndex, this.questionCount, this.question,
					this.startedAt, this.deadline);
		}

	}

	/** How many players answered the open question so far (host only, ~4 per second). */
	record AnswerCount(long seq, int questionIndex, int answerCount, int playerCount) implements ServerFrame {
	}

	/**
	 * The player's answer is recorded; whether it was right comes with the reveal.
	 */
	record AnswerAccepted(long seq, int questionIndex, List<Integer> options, String text,
			long responseMs) implements ServerFrame {
	}

	/**
	 * A client frame was refused and changed nothing. {@code code} is one of
	 * {@link ErrorCode}.
	 */
	record Error(long seq, ErrorCode code, String message, Integer questionIndex) implements ServerFrame {
	}

	/**
	 * Question {@code questionIndex} is closed: its correct answer, how the players
	 * answered and the top 5.
	 *
	 * @param distribution players per option, in option order (empty for type-the-answer)
	 * @param correctCount players who answered correctly
	 * @param acceptedAnswers the accepted answers (type-the-answer), normalised
	 */
	record Reveal(long seq, int questionIndex, QuestionType questionType, List<Integer> correctOptions,
			List<String> acceptedAnswers, List<Integer> distribution, int answerCount, int correctCount,
			int playerCount, List<Standing> top, String reason) implements ServerFrame {
	}

	/** The player's own result of question {@code questionIndex} (players only). */
	record Result(long seq, int questionIndex, boolean answered, boolean correct, int points, int streak, long score,
			int rank, int playerCount) implements ServerFrame {
	}

	/** The final podium: the top 3. */
	record Podium(long seq, List<Standing> top, int playerCount) implements ServerFrame {
	}

	/** The player's own final score and rank (players only). */
	record FinalResult(long seq, long score, int rank, int playerCount) implements ServerFrame {
	}

	/**
	 * The session is over; the socket is closed with 4000 right after this frame.
	 */
	record SessionEnded(long seq, List<Standing> top, int playerCount) implements ServerFrame {
	}

	/** Answers a ping with the server's clock. */
	record Pong(long seq, long serverTime) implements ServerFrame {
	}

	/** A question as players see it: no correct options, no accepted answers. */
	record QuestionView(QuestionType type, String text, String imageUrl, List<String> options, int timeLimitSeconds,
			int points) {
	}

	/** The connected player. */
	record You(UUID playerId, String nickname) {
	}

	/** What this player answered to the open question. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record YourAnswer(List<Integer> options, String text, long responseMs) {
	}

	/** One player of the lobby roster. */
	record RosterEntry(UUID playerId, String nickname, boolean online) {
	}

	/**
	 * A player's place in the standings. In {@code top} lists {@code playerId},
	 * {@code nickname}, {@code score} and {@code rank} are set; as a player's own
	 * standing, {@code score}, {@code rank} and {@code streak}.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Standing(UUID playerId, String nickname, long score, int rank, Integer streak) {
	}

}
