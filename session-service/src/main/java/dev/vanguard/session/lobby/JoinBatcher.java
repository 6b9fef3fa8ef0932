package dev.vanguard.session.lobby;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.vanguard.session.player.Player;
import dev.vanguard.session.player.PlayerTokens;

/**
 * Group commit for joins. Joins of one session all need the session's row lock (to number
 * their events and count the roster), so one at a time they admit only as many players
 * per second as one short transaction takes. Here they queue per session, and one worker
 * per session with joins waiting admits everything queued (up to {@value #MAX_BATCH}) in
 * one transaction ({@link LobbyAdmission#admit}); each request is answered when its batch
 * committed. Nothing waits on purpose: a lone join is a batch of one at once, and a
 * storm's joins gather while the batch before them commits. The token is signed on the
 * request's own thread, after the commit and outside the lock, so signing spreads over
 * every core.
 */
@Component
class JoinBatcher {

	/**
	 * The most joins one transaction admits: big enough to amortise the lock and the
	 * commit, small enough that one batch's statements stay short.
	 */
	static final int MAX_BATCH = 250;

	/** How often a batch is tried again after a writer outside the lock took a name. */
	private static final int ATTEMPTS = 3;

	private static final Logger log = LoggerFactory.getLogger(JoinBatcher.class);

	private final LobbyAdmission admission;

	private final PlayerTokens tokens;

	private final TransactionTemplate transactions;

	/**
	 * Each PIN's waiting joins; a PIN is here only while its worker runs. By PIN, not
	 * session: finding the session is the batch's first read.
	 */
	private final Map<String, Queue<Waiting>> queues = new ConcurrentHashMap<>();

	JoinBatcher(LobbyAdmission admission, PlayerTokens tokens, PlatformTransactionManager transactionManager) {
		this.admission = admission;
		this.tokens = tokens;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	Joined join(String pin, LobbyAdmission.Joining joining) {
		LobbyAdmission.Candidate candidate = this.admission.prepare(pin, joining);
		Waiting waiting = new Waiting(candidate, new CompletableFuture<>());
		enqueue(waiting);
		Player player;
		try {
			player = waiting.admitted().join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException refusal) {
				throw refusal;
			}
			throw ex;
		}
		String token = this.tokens.issue(player.getSessionId(), player.getId(), player.getNickname());
		return new Joined(player.getSessionId(), player.getId(), player.getNickname(), token);
	}

	/** Queues the join; starts the PIN's worker if it has none running. */
	private void enqueue(Waiting waiting) {
		String pin = waiting.candidate().pin();
		boolean[] started = { false };
		this.queues.compute(pin, (id, queue) -> {
			Queue<Waiting> joins = queue;
			if (joins == null) {
				joins = new ArrayDeque<>();
				started[0] = true;
			}
			joins.add(waiting);
			return joins;
		});
		if (started[0]) {
			Thread.ofVirtual().name("joins-" + pin).start(() -> drain(pin));
		}
	}

	/** Admits the PIN's queued joins batch by batch until none wait. */
	private void drain(String pin) {
		while (true) {
			List<Waiting> batch = next(pin);
			if (batch.isEmpty()) {
				return;
			}
			admit(pin, batch);
		}
	}

	/**
	 * Takes up to {@link #MAX_BATCH} waiting joins; with none left, removes the PIN's
	 * queue (in the same step, so a join queued meanwhile starts a new worker).
	 */
	private List<Waiting> next(String pin) {
		List<Waiting> batch = new ArrayList<>();
		this.queues.computeIfPresent(pin, (id, joins) -> {
			while (batch.size() < MAX_BATCH && !joins.isEmpty()) {
				batch.add(joins.remove());
			}
			return batch.isEmpty() ? null : joins;
		});
		return batch;
	}

	private void admit(String pin, List<Waiting> batch) {
		List<LobbyAdmission.Candidate> candidates = batch.stream().map(Waiting::candidate).toList();
		try {
			List<LobbyAdmission.Outcome> outcomes = null;
			for (int attempt = 1; outcomes == null; attempt++) {
				try {
					outcomes = this.transactions.execute((status) -> this.admission.admit(pin, candidates));
				}
				catch (DataIntegrityViolationException ex) {
					// a writer outside the lock took a nickname between read and insert:
					// read again, and this time that join's name is refused
					if (attempt >= ATTEMPTS) {
						throw ex;
					}
				}
			}
			for (int i = 0; i < batch.size(); i++) {
				switch (outcomes.get(i)) {
					case LobbyAdmission.Outcome.Admitted admitted ->
						batch.get(i).admitted().complete(admitted.player());
					case LobbyAdmission.Outcome.Refused refused ->
						batch.get(i).admitted().completeExceptionally(refused.refusal());
				}
			}
		}
		catch (RuntimeException ex) {
			// the session refused them all (no such PIN, ended, started, locked),
			// or the database did (no connection: 503)
			batch.forEach((waiting) -> waiting.admitted().completeExceptionally(ex));
		}
		catch (Error ex) {
			// answered rather than left waiting; the worker goes on to the next batch
			log.error("Admitting {} joins with PIN {} failed", batch.size(), pin, ex);
			batch.forEach((waiting) -> waiting.admitted().completeExceptionally(ex));
		}
	}

	private record Waiting(LobbyAdmission.Candidate candidate, CompletableFuture<Player> admitted) {
	}

}
