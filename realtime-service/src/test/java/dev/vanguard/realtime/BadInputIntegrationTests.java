package dev.vanguard.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import dev.vanguard.contracts.QuestionType;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.testsupport.TestTokens;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class BadInputIntegrationTests extends RealtimeIntegrationTests {

	@org.springframework.beans.factory.annotation.Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	@Test
	void refusesASocketWithoutAToken() {
		assertThat(connect(null).awaitClose()).isEqualTo(4401);
		assertThat(connect("token=not-a-jwt").awaitClose()).isEqualTo(4401);
	}

	@Test
	void refusesExpiredForgedAndMisScopedTokens() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		game.awaitApplied();
		String session = "&session=" + game.sessionId;
		assertThat(connect("token=" + TestTokens.expiredHost(game.hostId) + session).awaitClose()).isEqualTo(4401);
		assertThat(connect("token=" + TestTokens.forgedHost(game.hostId) + session).awaitClose()).isEqualTo(4401);
		assertThat(connect("token=" + TestTokens.playerWithScope(game.sessionId, ann, "host")).awaitClose())
			.isEqualTo(4401);
	}

	@Test
	void refusesAHostOfAnotherSession() {
		Game game = game().open();
		game.awaitApplied();
		String stranger = TestTokens.host(UUID.randomUUID());
		assertThat(connect("token=" + stranger + "&session=" + game.sessionId).awaitClose()).isEqualTo(4403);
		assertThat(connect("token=" + TestTokens.host(game.hostId)).awaitClose()).isEqualTo(4400);
		assertThat(connect("token=" + TestTokens.host(game.hostId) + "&session=" + UUID.randomUUID()).awaitClose())
			.isEqualTo(4404);
	}

	@Test
	void refusesAPlayerWhoNeverJoined() {
		Game game = game().open();
		game.awaitApplied();
		assertThat(player(game, UUID.randomUUID()).awaitClose()).isEqualTo(4403);
		assertThat(connect("token=" + TestTokens.player(UUID.randomUUID(), UUID.randomUUID())).awaitClose())
			.isEqualTo(4404);
	}

	@Test
	void refusesAForeignOriginBeforeTheUpgrade() {
		Game game = game().open();
		game.awaitApplied();
		TestClient client = track(TestClient.connect(this.port,
				"token=" + TestTokens.host(game.hostId) + "&session=" + game.sessionId, "https://evil.example"));
		client.awaitClose();
		assertThat(client.frames()).isEmpty();
	}

	@Test
	void admitsAPageServedFromTheSameHostAndPort() {
		// A phone that opened the web app at the machine's address, which no list names.
		Game game = game().open();
		game.awaitApplied();
		TestClient client = track(
				TestClient.connect(this.port, "token=" + TestTokens.host(game.hostId) + "&session=" + game.sessionId,
						"http://127.0.0.1:" + this.port));
		assertThat(client.await("catchup").path("type").asString()).isEqualTo("catchup");
	}

	@Test
	void refusesAPageFromTheSameHostOnAnotherPort() {
		Game game = game().open();
		game.awaitApplied();
		TestClient client = track(
				TestClient.connect(this.port, "token=" + TestTokens.host(game.hostId) + "&session=" + game.sessionId,
						"http://127.0.0.1:" + (this.port + 1)));
		client.awaitClose();
		assertThat(client.frames()).isEmpty();
	}

	@Test
	void admitsAClientWithoutOrigin() throws Exception {
		Game game = game().open();
		game.awaitApplied();
		CompletableFuture<String> first = new CompletableFuture<>();
		WebSocket socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + this.port + "/ws?token=" + TestTokens.host(game.hostId)
					+ "&session=" + game.sessionId), new WebSocket.Listener() {

						@Override
						public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
							first.complete(data.toString());
							return null;
						}

					})
			.get(20, TimeUnit.SECONDS);
		assertThat(first.get(20, TimeUnit.SECONDS)).contains("\"type\":\"catchup\"");
		socket.abort();
	}

	@Test
	void neverLogsTokens(CapturedOutput output) {
		Game game = game().open();
		String token = TestTokens.host(game.hostId);
		TestClient host = host(game);
		host.await("catchup");
		// Reactor Netty writes an upgraded request's line when the socket closes.
		host.close();
		org.awaitility.Awaitility.await().until(() -> output.getAll().contains("/ws?token=***&session="));
		assertThat(output.getAll()).doesNotContain(token);
	}

	@Test
	void answersMalformedAndUnknownFramesWithErrors() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient socket = player(game, ann);
		socket.await("catchup");
		socket.send("{not json");
		assertThat(socket.awaitNth("error", 1).path("code").asString()).isEqualTo("MALFORMED");
		socket.send("{\"type\":\"teleport\"}");
		assertThat(socket.awaitNth("error", 2).path("code").asString()).isEqualTo("UNKNOWN_TYPE");
		socket.send("{\"type\":\"answer\",\"options\":[1]}");
		assertThat(socket.awaitNth("error", 3).path("code").asString()).isEqualTo("MALFORMED");
		socket.send("{\"type\":\"answer\",\"questionIndex\":0,\"options\":[1],\"text\":\"x\"}");
		assertThat(socket.awaitNth("error", 4).path("code").asString()).isEqualTo("MALFORMED");
		// JSON that is not an object, the text null among them, is an error frame too,
		// not a closed socket
		int errors = 4;
		for (String notAnObject : List.of("null", "42", "\"answer\"", "[]", "true", " ")) {
			socket.send(notAnObject);
			assertThat(socket.awaitNth("error", ++errors).path("code").asString()).as(notAnObject)
				.isEqualTo("MALFORMED");
		}
		socket.send("{\"type\":\"ping\"}");
		assertThat(socket.await("pong").path("serverTime").asLong()).isPositive();
		assertThat(socket.isConnected()).isTrue();
	}

	@Test
	void rejectsAnswersThatDoNotFitAndChangesNoScore() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient socket = player(game, ann);
		socket.await("catchup");
		socket.answer(0, 0);
		assertThat(socket.awaitNth("error", 1).path("code").asString()).isEqualTo("NOT_OPEN");
		game.start(0, singleChoice(0));
		socket.await("question");
		socket.answer(1, 0);
		assertThat(socket.awaitNth("error", 2).path("code").asString()).isEqualTo("WRONG_QUESTION");
		socket.answer(0, 4);
		assertThat(socket.awaitNth("error", 3).path("code").asString()).isEqualTo("INVALID_CHOICE");
		socket.answer(0, 0, 1);
		assertThat(socket.awaitNth("error", 4).path("code").asString()).isEqualTo("INVALID_CHOICE");
		socket.answer(0, 1, 1);
		assertThat(socket.awaitNth("error", 5).path("code").asString()).isEqualTo("INVALID_CHOICE");
		socket.answerText(0, "Paris");
		assertThat(socket.awaitNth("error", 6).path("code").asString()).isEqualTo("INVALID_CHOICE");
		assertThat(game.answerRecord(0, ann)).isNull();
		assertThat(game.score(ann)).isZero();

		socket.answer(0, 0);
		socket.await("answer_accepted");
		double score = game.score(ann);
		socket.answer(0, 1);
		assertThat(socket.awaitNth("error", 7).path("code").asString()).isEqualTo("ALREADY_ANSWERED");
		assertThat(game.score(ann)).isEqualTo(score);
		assertThat(this.mapper.readTree(game.answerRecord(0, ann)).path("options").toString()).isEqualTo("[0]");
		game.end(0);
		socket.await("reveal");
		socket.answer(0, 0);
		assertThat(socket.awaitNth("error", 8).path("code").asString()).isEqualTo("LATE");
	}

	@Test
	void rejectsAnAnswerAfterDeadline() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient socket = player(game, ann);
		socket.await("catchup");
		Instant startedAt = Instant.now().minusSeconds(30);
		game.start(0, singleChoice(0), startedAt, startedAt.plusSeconds(20));
		socket.await("question");
		socket.answer(0, 0);
		assertThat(socket.await("error").path("code").asString()).isEqualTo("LATE");
		assertThat(game.answerRecord(0, ann)).isNull();
		assertThat(game.score(ann)).isZero();
	}

	@Test
	void rejectsTypedAnswersThatAreEmptyOrTooLong() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient socket = player(game, ann);
		socket.await("catchup");
		game.start(0, new QuestionStarted.Question(QuestionType.TYPE_ANSWER, "Capital?", null, 20, 1000,
				java.util.List.of(), java.util.List.of(), java.util.List.of("paris")));
		socket.await("question");
		socket.answerText(0, "   ");
		assertThat(socket.awaitNth("error", 1).path("code").asString()).isEqualTo("INVALID_CHOICE");
		socket.answerText(0, "x".repeat(101));
		assertThat(socket.awaitNth("error", 2).path("code").asString()).isEqualTo("INVALID_CHOICE");
		socket.answer(0, 0);
		assertThat(socket.awaitNth("error", 3).path("code").asString()).isEqualTo("INVALID_CHOICE");
		assertThat(game.answerRecord(0, ann)).isNull();
	}

	@Test
	void refusesAnswersFromTheHost() {
		Game game = game().open();
		TestClient host = host(game);
		host.await("catchup");
		host.answer(0, 0);
		assertThat(host.await("error").path("code").asString()).isEqualTo("FORBIDDEN");
	}

	@Test
	void closesASocketThatSendsAnOversizedFrame() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient socket = player(game, ann);
		socket.await("catchup");
		socket.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(10_000) + "\"}");
		assertThat(socket.awaitClose()).isEqualTo(1009);
	}

	@Test
	void closesASocketThatFloodsFrames() {
		Game game = game().open();
		UUID ann = game.join("Ann");
		TestClient socket = player(game, ann);
		socket.await("catchup");
		double floodsBefore = this.meters.counter("websocket.connections.closed", "code", "4429").count();
		for (int i = 0; i < 200; i++) {
			socket.send("{\"type\":\"ping\"}");
		}
		// The server's own count: a client busy writing may see its socket drop before
		// the close frame.
		org.awaitility.Awaitility.await()
			.until(() -> this.meters.counter("websocket.connections.closed", "code", "4429").count() > floodsBefore);
		assertThat(socket.frames("pong").size()).isLessThanOrEqualTo(30);
	}

	@Test
	void answersPlainHttpWithUpgradeRequired() throws Exception {
		var response = HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/ws")).build(),
					java.net.http.HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(426);
		assertThatThrownBy(() -> JsonNode.class.cast(null).size()).isInstanceOf(NullPointerException.class);
	}

}
