package dev.vanguard.realtime.fanout;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import dev.vanguard.realtime.protocol.ServerFrame;
import dev.vanguard.realtime.store.Revealed;

/**
 * A message on a session's Pub/Sub channel: either the broadcast of one applied session
 * event (published by the event scripts) or a connection announcement (published by the
 * instance that accepted a socket, so older sockets of the same principal close). A
 * script publishes data, or a frame this service prepared before it ran; the frames of
 * the data are made here, so every frame is a {@link ServerFrame} record and written by
 * one codec, once per broadcast.
 *
 * @param seq the event's seq
 * @param createdAt when session-service created the event (epoch ms)
 * @param all the frame for every connection of the session, as prepared for the script
 * @param host the frame for the host only, as prepared for the script
 * @param joined the player who joined (gathered into the host's next roster frame)
 * @param revealed the question that closed (the {@code reveal} frame)
 * @param results each player's own numbers after {@code revealed} ({@code result}
 * frames), by player id
 * @param standings the final standings ({@code podium}, or {@code session_ended} at the
 * end)
 * @param finals each player's final score and rank ({@code final_result} frames), by
 * player id
 * @param kick the player whose sockets close with 4410
 * @param end whether the session is over (sockets close with 4000)
 * @param announce a new connection of a principal
 */
record Broadcast(Long seq, Long createdAt, ServerFrame all, ServerFrame host, Joined joined, Revealed revealed,
		Map<String, Personal> results, Standings standings, Map<String, Personal> finals, String kick, Boolean end,
		Announce announce) {

	/** The frame for every connection: prepared, or made of the script's data. */
	ServerFrame frameForAll() {
		if (this.revealed != null) {
			return this.revealed.frame();
		}
		if (this.standings != null) {
			return Boolean.TRUE.equals(this.end)
					? new ServerFrame.SessionEnded(this.seq, this.standings.top(), this.standings.playerCount())
					: new ServerFrame.Podium(this.seq, this.standings.top(), this.standings.playerCount());
		}
		return this.all;
	}

	/** Each player's own frame, by player id; null when the broadcast has none. */
	Function<UUID, ServerFrame> personalFrames() {
		if (this.revealed != null && this.results != null) {
			long seq = this.revealed.seq();
			int index = this.revealed.questionIndex();
			int playerCount = this.results.size();
			return (playerId) -> {
				Personal own = this.results.get(playerId.toString());
				return (own != null) ? new ServerFrame.Result(seq, index, Boolean.TRUE.equals(own.answered()),
						Boolean.TRUE.equals(own.correct()), (own.points() != null) ? own.points() : 0,
						(own.streak() != null) ? own.streak() : 0, own.score(), own.rank(), playerCount) : null;
			};
		}
		if (this.finals != null) {
			long seq = this.seq;
			int playerCount = this.finals.size();
			return (playerId) -> {
				Personal own = this.finals.get(playerId.toString());
				return (own != null) ? new ServerFrame.FinalResult(seq, own.score(), own.rank(), playerCount) : null;
			};
		}
		return null;
	}

	/**
	 * A player joined; {@code playerCount} is the count session-service took at the join.
	 */
	record Joined(String playerId, String nickname, int playerCount) {
	}

	/**
	 * One player's numbers after a reveal ({@code answered}, {@code correct},
	 * {@code points} and {@code streak} set) or at the end (score and rank only).
	 */
	record Personal(Boolean answered, Boolean correct, Integer points, Integer streak, long score, int rank) {
	}

	/** The final standings: the top 3 and how many players there are. */
	record Standings(List<ServerFrame.Standing> top, int playerCount) {
	}

	/**
	 * Connection {@code connection} of principal {@code principal} is now the live one.
	 */
	record Announce(String principal, String connection) {
	}

}
