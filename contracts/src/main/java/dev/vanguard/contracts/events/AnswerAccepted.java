package dev.vanguard.contracts.events;

import java.util.List;
import java.util.UUID;

/**
 * realtime-service accepted a player's answer: its answer script recorded it in Redis
 * ({@code SessionKeys#answers(int)}) with the points, streak and response time it
 * computed, and the phone is told {@code answer_accepted} only once the broker confirmed
 * this message. session-service keeps it in PostgreSQL at once, so an acknowledged answer
 * to the open question survives Redis coming back empty
 * (docs/adr/0008-accepted-answers-streamed-to-postgresql.md).
 *
 * <p>
 * Not a {@link SessionEvent}: it has no seq and travels the other way, as JSON through
 * the default exchange to the durable quorum queue {@link #QUEUE} (both services declare
 * it with {@code x-queue-type: quorum} and no other argument). It is sent at least once;
 * a player answers a question once, so (session, player, question) identifies it and its
 * handling is idempotent.
 *
 * @param sessionId the session
 * @param questionIndex the question answered
 * @param playerId who answered
 * @param options chosen option indexes (played order), for option questions, else null
 * @param text the typed answer (trimmed), for type-the-answer, else null
 * @param correct whether it was right (false for a poll)
 * @param points points awarded, streak bonus included
 * @param streak the player's streak after this answer
 * @param responseMs server-measured time from question start to the answer
 * @param answeredAt when Redis recorded it, epoch milliseconds by Redis's clock
 */
public record AnswerAccepted(UUID sessionId, int questionIndex, UUID playerId, List<Integer> options, String text,
		boolean correct, int points, int streak, long responseMs, long answeredAt) {

	/** The queue accepted answers go to, through the default exchange. */
	public static final String QUEUE = "vanguard.session.answers-accepted";

}
