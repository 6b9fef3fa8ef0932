package dev.vanguard.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.vanguard.bench.client.WsClients;
import dev.vanguard.bench.targets.VanguardTarget;
import org.HdrHistogram.Histogram;

/**
 * The answer burst: every player of a session answers the open question within one second
 * (send times spread uniformly at random), the latency is from each answer frame leaving
 * the client to its acknowledgement arriving, and the session's answers hash in Redis
 * must then hold exactly one answer per player.
 */
final class Answers {

	/** The window in which every player answers. */
	private static final Duration BURST = Duration.ofSeconds(1);

	private Answers() {
	}

	/** realtime-service's timer of the broker's confirm of each accepted answer. */
	private static final String CONFIRM = "quiz_answers_confirm_seconds";

	static Report.Section measure(VanguardTarget target, int players, Options options)
			throws IOException, InterruptedException {
		List<String> notes = new ArrayList<>();
		double confirmSeconds = 0;
		double confirms = 0;
		Broadcast.Rounds result = new Broadcast.Rounds(options.rounds());
		int connected;
		try (WsClients clients = new WsClients(target.dialect(), target.readyWhen())) {
			clients.connect(target.prepare(players));
			connected = Broadcast.awaitConnected("answers", target, clients, players);
			long recordedTotal = 0;
			long sentTotal = 0;
			int serverRounds = Broadcast.serverWarmupRounds(options);
			int warmupRounds = serverRounds + options.warmup();
			int total = warmupRounds + options.rounds();
			long serverWarmupStarted = System.nanoTime();
			for (int round = 0; round < total; round++) {
				boolean measuring = round >= warmupRounds;
				if (serverRounds > 0 && round == serverRounds) {
					Progress.say("answers: server warmed up with %,d rounds of %,d answers in %.1f s", serverRounds,
							players, (System.nanoTime() - serverWarmupStarted) / 1e9);
				}
				if (round == warmupRounds) {
					Broadcast.awaitJitQuiet("answers", players, target.pids(), true);
					result.serverCpu = -Broadcast.serverCpu(target);
					result.clientCpu = -clients.cpuTime().toNanos() / 1e9;
					confirmSeconds = -target.metric(CONFIRM + "_sum");
					confirms = -target.metric(CONFIRM + "_count");
				}
				CompletableFuture<Integer> questionArrived = clients.arm(target.markers(round));
				target.trigger(round);
				Broadcast.await(questionArrived, Duration.ofSeconds(10));
				int questionIndex = target.questionIndex();
				CompletableFuture<Integer> acked = clients.arm(target.ackMarkers(questionIndex));
				long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
				long[] sendAt = new long[players];
				List<byte[]> answers = new ArrayList<>(players);
				for (int i = 0; i < players; i++) {
					sendAt[i] = start + ThreadLocalRandom.current().nextLong(BURST.toNanos());
					answers.add(target.answerFrame(questionIndex, i % 4));
				}
				clients.schedule(sendAt, answers);
				Broadcast.await(acked, BURST.plusSeconds(10));
				long[] arrivals = clients.arrivals();
				long[] sentAt = clients.sentAt();
				Histogram thisRound = new Histogram(Broadcast.HIGHEST_MICROS, 3);
				int sent = 0;
				for (int i = 0; i < arrivals.length; i++) {
					if (sentAt[i] != 0) {
						sent++;
					}
					if (arrivals[i] != 0 && sentAt[i] != 0) {
						thisRound.recordValue(
								Math.min(Math.max(0, (arrivals[i] - sentAt[i]) / 1000), Broadcast.HIGHEST_MICROS));
					}
				}
				long recorded = target.recordedAnswers(questionIndex);
				if (round >= serverRounds) {
					(measuring ? result.measured : result.warmup).add(thisRound);
				}
				if (measuring) {
					result.delivered += thisRound.getTotalCount();
					recordedTotal += recorded;
					sentTotal += sent;
				}
				target.afterRound(round);
				result.heap = Math.max(result.heap, target.heapBytes());
				if (round < serverRounds) {
					continue;
				}
				Progress.say("answers %s %d: %,d sent, %,d acknowledged, %,d recorded; ack p50 %.1f p99 %.1f ms",
						measuring ? "round" : "warm-up",
						measuring ? round - warmupRounds + 1 : round - serverRounds + 1, sent,
						thisRound.getTotalCount(), recorded, thisRound.getValueAtPercentile(50) / 1000.0,
						thisRound.getValueAtPercentile(99) / 1000.0);
			}
			result.serverCpu += Broadcast.serverCpu(target);
			result.clientCpu += clients.cpuTime().toNanos() / 1e9;
			confirmSeconds += target.metric(CONFIRM + "_sum");
			confirms += target.metric(CONFIRM + "_count");
			notes.add(String.format(Locale.ROOT,
					"%,d players each answer once within %d s per round; latency is answer sent → acknowledgement "
							+ "arrived; delivered counts acknowledgements. Redis answers hashes held %,d answers for "
							+ "%,d sent in the measured rounds: %s.",
					players, BURST.toSeconds(), recordedTotal, sentTotal,
					(recordedTotal == sentTotal) ? "every answer recorded exactly once" : "MISMATCH"));
			if (confirms > 0) {
				notes.add(String.format(Locale.ROOT,
						"Of the ack's latency, the broker's confirm of each answer's AnswerAccepted (which the ack "
								+ "waits for, docs/adr/0008): %.1f ms on average over the measured rounds' %,.0f "
								+ "answers (realtime-service's quiz.answers.confirm).",
						confirmSeconds * 1000 / confirms, confirms));
			}
			notes.add("Target (DESIGN §5): every answer recorded exactly once, ack p99 ≤ 50 ms.");
			clients.disconnectAll();
			target.finish();
		}
		return new Report.Section("answers", List.of(result.row("answers", target, players, connected, "")), notes);
	}

}
