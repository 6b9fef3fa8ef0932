package dev.vanguard.realtime.connection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.vanguard.realtime.RealtimeMetrics;
import dev.vanguard.realtime.protocol.FrameCodec;
import dev.vanguard.realtime.protocol.ServerFrame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The order a client sees its state in: a catch-up and the broadcasts around it, on a
 * real Netty channel (embedded: its event loop is the test's thread).
 */
class ClientSocketTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final UUID SESSION = UUID.randomUUID();

	private final EmbeddedChannel channel = new EmbeddedChannel();

	private final ClientSocket socket = new ClientSocket(
			new Principal(SESSION, Principal.Role.PLAYER, UUID.randomUUID(), "Ada"), this.channel,
			mock(WebsocketOutbound.class), new FrameCodec(JSON), new RealtimeMetrics(new SimpleMeterRegistry()),
			new ClientSocket.Limits(64, 5_000_000_000L, 1_000_000_000L));

	private final AtomicInteger staleReads = new AtomicInteger();

	@AfterEach
	void close() {
		this.socket.disposed();
		this.channel.finishAndReleaseAll();
	}

	@Test
	void holdsBroadcastsUntilTheCatchUpAndPassesOnOnlyNewerOnes() {
		deliver(4, "question");
		deliver(5, "reveal");
		this.socket.start(catchup(4, "QUESTION", 0), this.staleReads::incrementAndGet);
		assertThat(written()).containsExactly("catchup 4 QUESTION", "event 5 reveal");
	}

	@Test
	void doesNotTakeTheClientBackWithACatchUpReadBeforeABroadcastItWasSent() {
		this.socket.start(catchup(4, "QUESTION", 0), this.staleReads::incrementAndGet);
		deliver(5, "reveal");
		deliver(6, "question");
		// read from Redis while question 2 was being broadcast: it shows the reveal of 1
		this.socket.start(catchup(5, "REVEAL", 0), this.staleReads::incrementAndGet);
		assertThat(written()).containsExactly("catchup 4 QUESTION", "event 5 reveal", "event 6 question");
		assertThat(this.staleReads).hasValue(1);
		// the read again is new enough
		this.socket.start(catchup(6, "QUESTION", 1), this.staleReads::incrementAndGet);
		assertThat(written()).containsExactly("catchup 6 QUESTION");
		deliver(6, "question");
		deliver(7, "reveal");
		assertThat(written()).containsExactly("event 7 reveal");
		assertThat(this.staleReads).hasValue(1);
	}

	@Test
	void sendsACatchUpAtTheSeqItWasAlreadySent() {
		// a rebuild of a lost state keeps the seq: what the client was shown may have
		// changed
		this.socket.start(catchup(8, "QUESTION", 2), this.staleReads::incrementAndGet);
		this.socket.start(catchup(8, "QUESTION", 2), this.staleReads::incrementAndGet);
		assertThat(written()).containsExactly("catchup 8 QUESTION", "catchup 8 QUESTION");
		assertThat(this.staleReads).hasValue(0);
	}

	private void deliver(long seq, String name) {
		Delivery delivery = new Delivery(seq, 0, Unpooled
			.copiedBuffer("{\"type\":\"event\",\"seq\":" + seq + ",\"name\":\"" + name + "\"}", StandardCharsets.UTF_8),
				null, null, null, null, false);
		try {
			this.socket.deliver(delivery);
		}
		finally {
			delivery.release();
		}
	}

	/** The frames written since the last call, as "type seq status-or-name". */
	private List<String> written() {
		List<String> frames = new ArrayList<>();
		for (Object out = this.channel.readOutbound(); out != null; out = this.channel.readOutbound()) {
			TextWebSocketFrame frame = (TextWebSocketFrame) out;
			JsonNode json = JSON.readTree(frame.text());
			frame.release();
			String what = json.has("status") ? json.get("status").asString() : json.get("name").asString();
			frames.add(json.get("type").asString() + " " + json.get("seq").asLong() + " " + what);
		}
		return frames;
	}

	private static ServerFrame.Catchup catchup(long seq, String status, int questionIndex) {
		return new ServerFrame.Catchup(seq, System.currentTimeMillis(), SESSION, "PLAYER", null, status, "Quiz", null,
				3, questionIndex, null, null, null, null, null, 10, null, null, null, null, null);
	}

}
