package dev.vanguard.realtime.fanout;

import java.util.Map;

import dev.vanguard.realtime.protocol.ServerFrame;

/**
 * A message on a session's Pub/Sub channel: either the broadcast of one applied session
 * event (published by the event scripts) or a connection announcement (published by the
 * instance that accepted a socket, so older sockets of the same principal close).
 *
 * @param seq the event's seq
 * @param createdAt when session-service created the event (epoch ms)
 * @param all the frame for every connection of the session
 * @param host the frame for the host only
 * @param joined the player who joined (gathered into the host's next roster frame)
 * @param personal the type of the per-player frame ({@code result} or
 * {@code final_result}) built from {@code results}
 * @param questionIndex the question {@code results} are about
 * @param results each player's own numbers, by player id
 * @param kick the player whose sockets close with 4410
 * @param end whether the session is over (sockets close with 4000)
 * @param announce a new connection of a principal
 */
record Broadcast(Long seq, Long createdAt, ServerFrame all, ServerFrame host, Joined joined, String personal,
		Integer questionIndex, Map<String, Personal> results, String kick, Boolean end, Announce announce) {

	/**
	 * A player joined; {@code playerCount} is the count session-service took at the join.
	 */
	record Joined(String playerId, String nickname, int playerCount) {
	}

	/** One player's numbers after a reveal or at the end. */
	record Personal(Boolean answered, Boolean correct, Integer points, Integer streak, long score, int rank) {
	}

	/**
	 * Connection {@code connection} of principal {@code principal} is now the live one.
	 */
	record Announce(String principal, String connection) {
	}

}
