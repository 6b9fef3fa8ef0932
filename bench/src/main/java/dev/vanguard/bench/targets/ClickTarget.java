package dev.vanguard.bench.targets;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.vanguard.bench.client.WsClients;

/**
 * The host's click to every phone, through the real services: players join a session of
 * session-service and open their sockets on realtime-service; each round the host sends
 * {@code POST /api/sessions/{id}/start} (then {@code /next}) and the latency runs from
 * that request to the question's frame at each socket. Direct, the host talks to
 * session-service and the players to realtime-service; through the gateway, both go
 * through nginx as {@code ./vanguard up} runs it.
 */
public final class ClickTarget implements Target {

	/** Joins in flight at once while an audience is prepared (not measured). */
	private static final int JOINS_AT_ONCE = 32;

	private static final Duration SESSION_OPEN_TIMEOUT = Duration.ofSeconds(60);

	private final VanguardTarget realtime;

	private final SessionService sessions;

	private final Gateway gateway;

	private final String hostToken;

	private SessionService.Created session;

	private CompletableFuture<HttpResponse<String>> click;

	private final int warmupRounds;

	private SessionSplit before;

	/**
	 * @param gateway nginx in front of both services, or null to talk to them directly
	 * @param hostToken a host token for the quiz the bench serves with enough questions
	 * for every round
	 * @param warmupRounds the rounds before the measured ones
	 */
	public ClickTarget(VanguardTarget realtime, SessionService sessions, Gateway gateway, String hostToken,
			int warmupRounds) {
		this.warmupRounds = warmupRounds;
		this.realtime = realtime;
		this.sessions = sessions;
		this.gateway = gateway;
		this.hostToken = hostToken;
	}

	@Override
	public String name() {
		return (this.gateway != null) ? "vanguard gateway" : "vanguard direct";
	}

	@Override
	public WsClients.Dialect dialect() {
		return WsClients.Dialect.PLAIN;
	}

	@Override
	public WsClients.ReadyWhen readyWhen() {
		return WsClients.ReadyWhen.FIRST_MESSAGE;
	}

	/**
	 * Opens a session and joins {@code players} through session-service's REST join
	 * (directly: the joins are not what this case measures), each from its own client
	 * address as phones behind the gateway would be.
	 */
	@Override
	public List<WsClients.Endpoint> prepare(int players) throws IOException {
		try {
			this.before = null;
			this.session = this.sessions.create(this.hostToken);
			this.realtime.awaitSession(this.session.id(), SESSION_OPEN_TIMEOUT);
			String[] tokens = new String[players];
			Map<String, Integer> refusals = new ConcurrentHashMap<>();
			Semaphore inFlight = new Semaphore(JOINS_AT_ONCE);
			long started = System.nanoTime();
			try (ExecutorService joiners = Executors.newVirtualThreadPerTaskExecutor()) {
				List<Future<?>> joins = new ArrayList<>();
				for (int i = 0; i < players; i++) {
					int player = i;
					inFlight.acquire();
					joins.add(joiners.submit(() -> {
						try {
							SessionService.Joined joined = this.sessions.join(this.session.pin(), "Player " + player,
									address(player));
							// a number that reads as a blocked word: another name
							for (int retry = 1; joined.token() == null && joined.refusal().equals("HTTP 422")
									&& retry < 5; retry++) {
								joined = this.sessions.join(this.session.pin(), "Player " + player + "x" + retry,
										address(player));
							}
							if (joined.token() == null) {
								refusals.merge(joined.refusal(), 1, Integer::sum);
							}
							tokens[player] = joined.token();
						}
						finally {
							inFlight.release();
						}
						return null;
					}));
				}
			}
			System.err.printf("  session %s: %,d players joined through session-service in %.1f s%s%n",
					this.session.id(), players, (System.nanoTime() - started) / 1e9,
					refusals.isEmpty() ? "" : ", refused " + refusals);
			InetSocketAddress socketAddress = (this.gateway != null)
					? new InetSocketAddress("127.0.0.1", this.gateway.port()) : this.realtime.address(0);
			List<WsClients.Endpoint> endpoints = new ArrayList<>(players);
			for (String token : tokens) {
				if (token != null) {
					endpoints.add(new WsClients.Endpoint(socketAddress,
							"/ws?token=" + URLEncoder.encode(token, StandardCharsets.US_ASCII), null));
				}
			}
			return endpoints;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	/** A client address from the benchmarking range (RFC 2544), one per player. */
	private static String address(int player) {
		return "198.18." + (player / 250) + "." + (player % 250 + 1);
	}

	@Override
	public List<String> markers(int round) {
		return List.of(VanguardTarget.QUESTION_FRAME, "\"questionIndex\":" + round + ",");
	}

	/**
	 * The host's click: {@code start} opens question 0, {@code next} the following ones
	 * (the question before was revealed in {@link #afterRound}).
	 */
	@Override
	public long trigger(int round) throws IOException {
		if (round == this.warmupRounds) {
			this.before = SessionSplit.read(this.sessions);
		}
		long sent = System.nanoTime();
		this.click = this.sessions.control(baseUrl(), this.session.id(), (round == 0) ? "start" : "next",
				this.hostToken);
		return sent;
	}

	/** Checks the click was accepted, then reveals the question as the host would. */
	@Override
	public void afterRound(int round) throws IOException {
		expectOk(this.click, (round == 0) ? "start" : "next");
		expectOk(this.sessions.control(baseUrl(), this.session.id(), "reveal", this.hostToken), "reveal");
	}

	private void expectOk(CompletableFuture<HttpResponse<String>> request, String action) throws IOException {
		try {
			HttpResponse<String> response = request.get(30, TimeUnit.SECONDS);
			if (response.statusCode() != 200) {
				throw new IOException("session-service answered the host's " + action + " with " + response.statusCode()
						+ ": " + response.body());
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IOException("the host's " + action + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private String baseUrl() {
		return (this.gateway != null) ? "http://127.0.0.1:" + this.gateway.port() : this.sessions.baseUrl();
	}

	/** Ends the session once the players are gone and removes its keys. */
	@Override
	public void finish() throws IOException {
		if (this.session == null) {
			return;
		}
		this.realtime.awaitNoConnections();
		try {
			this.sessions.end(this.session.id(), this.hostToken);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		this.realtime.deleteSession(this.session.id());
		this.session = null;
	}

	@Override
	public String serverShareMeaning() {
		return "click received → frame prepared on the server (the frame's serverTime − createdAt: session-service "
				+ "stamps the event in the click's transaction, realtime-service the frame before it is written; ms, "
				+ "first frame of each measured round)";
	}

	/**
	 * Where session-service's part of the measured rounds went, from its own timers: the
	 * host's request, the event's way from its transaction to the relay, the broker's
	 * confirm.
	 */
	@Override
	public String measuredNote() {
		if (this.before == null) {
			return "";
		}
		try {
			return SessionSplit.read(this.sessions).since(this.before);
		}
		catch (IOException ex) {
			return "session-service's timers unreadable: " + ex.getMessage();
		}
	}

	/** session-service's timers of the click's path, as cumulative sums and counts. */
	private record SessionSplit(double requestSeconds, double requests, double handOverSeconds, double handOvers,
			double confirmSeconds, double confirms) {

		static SessionSplit read(SessionService sessions) throws IOException {
			String exposition;
			try {
				exposition = sessions.scrape();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
			double requestSeconds = 0;
			double requests = 0;
			for (String action : List.of("start", "next")) {
				String uri = "uri=\"/api/sessions/{id}/" + action + "\"";
				requestSeconds += Prometheus.total(exposition, "http_server_requests_seconds_sum", uri);
				requests += Prometheus.total(exposition, "http_server_requests_seconds_count", uri);
			}
			return new SessionSplit(requestSeconds, requests,
					Prometheus.sum(exposition, "events_publish_delay_seconds_sum"),
					Prometheus.sum(exposition, "events_publish_delay_seconds_count"),
					Prometheus.sum(exposition, "events_publish_confirm_seconds_sum"),
					Prometheus.sum(exposition, "events_publish_confirm_seconds_count"));
		}

		String since(SessionSplit before) {
			return String.format(Locale.ROOT,
					"session-service's timers over the measured rounds (means): host's start/next request %.1f ms, "
							+ "event created → sent to the broker %.1f ms, send → broker confirm %.1f ms",
					mean(this.requestSeconds - before.requestSeconds, this.requests - before.requests),
					mean(this.handOverSeconds - before.handOverSeconds, this.handOvers - before.handOvers),
					mean(this.confirmSeconds - before.confirmSeconds, this.confirms - before.confirms));
		}

		private static double mean(double seconds, double count) {
			return (count <= 0) ? Double.NaN : seconds * 1000 / count;
		}

	}

	/** session-service, realtime-service and, through the gateway, nginx. */
	@Override
	public List<Long> pids() {
		List<Long> pids = new ArrayList<>(this.realtime.pids());
		pids.add(this.sessions.pid());
		if (this.gateway != null) {
			pids.addAll(this.gateway.pids());
		}
		return pids;
	}

	@Override
	public long heapBytes() {
		return this.realtime.heapBytes();
	}

	/** The services and the gateway belong to the case, which closes them. */
	@Override
	public void close() {
	}

	/** A fresh host of the bench's quiz. */
	public static String host(TokenIssuer issuer, int questions) {
		UUID hostId = UUID.randomUUID();
		issuer.serveQuiz(hostId, questions);
		return issuer.mintHost(hostId);
	}

}
