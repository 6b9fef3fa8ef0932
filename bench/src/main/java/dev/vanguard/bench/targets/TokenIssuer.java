package dev.vanguard.bench.targets;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.StringJoiner;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;

/**
 * Plays the token issuers' part: an RSA key of its own, RS256 tokens with the claims of
 * session-service's player tokens (iss {@code vanguard-session}, scope {@code player},
 * {@code sub}, {@code sid}, {@code nickname}) or auth-service's host tokens (iss
 * {@code vanguard-auth}, scope {@code host}), and the public key served as a JWKS for the
 * services to verify them. It also serves quiz-service's one read the join storm needs.
 * Tokens are minted by hand (header, claims, signature) because the bench needs nothing
 * else of a JOSE library.
 */
public final class TokenIssuer implements AutoCloseable {

	static final String PLAYER_ISSUER = "vanguard-session";

	static final String HOST_ISSUER = "vanguard-auth";

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final KeyPair keys;

	private final String keyId = "bench-" + UUID.randomUUID();

	private final HttpServer server;

	private final String header;

	public TokenIssuer(int port) throws IOException {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			this.keys = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		this.header = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + this.keyId + "\"}");
		byte[] jwks = jwks().getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
		this.server.createContext("/", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(jwks);
			}
		});
		this.server.start();
	}

	/** Where realtime-service finds the key. */
	public String jwksUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/.well-known/jwks.json";
	}

	/** A player token for one player of one session, valid for an hour. */
	public String mint(UUID sessionId, UUID playerId, String nickname) {
		long now = Instant.now().getEpochSecond();
		String claims = "{\"iss\":\"" + PLAYER_ISSUER + "\",\"sub\":\"" + playerId + "\",\"sid\":\"" + sessionId
				+ "\",\"scope\":\"player\",\"nickname\":\"" + nickname + "\",\"iat\":" + now + ",\"exp\":"
				+ (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
		return sign(claims);
	}

	/** A host token, as auth-service issues it, valid for an hour. */
	public String mintHost(UUID hostId) {
		long now = Instant.now().getEpochSecond();
		return sign("{\"iss\":\"" + HOST_ISSUER + "\",\"sub\":\"" + hostId
				+ "\",\"email\":\"bench@vanguard.dev\",\"name\":\"Bench host\",\"scope\":\"host\",\"iat\":" + now
				+ ",\"exp\":" + (now + 3600) + "}");
	}

	/**
	 * Answers quiz-service's {@code GET /api/quizzes/{id}} with a one-question quiz owned
	 * by {@code hostId}, whatever the id, so session-service can open sessions without a
	 * quiz-service.
	 */
	public void serveQuiz(UUID hostId) {
		serveQuiz(hostId, 1);
	}

	/** As {@link #serveQuiz(UUID)}, with {@code questions} questions in the quiz. */
	public void serveQuiz(UUID hostId, int questions) {
		String question = "{\"id\":\"%s\",\"type\":\"SINGLE_CHOICE\","
				+ "\"text\":\"Which planet is known as the Red Planet?\",\"imageUrl\":null,\"timeLimitSeconds\":20,"
				+ "\"points\":\"STANDARD\",\"options\":[{\"text\":\"Venus\",\"correct\":false},"
				+ "{\"text\":\"Mars\",\"correct\":true},{\"text\":\"Jupiter\",\"correct\":false},"
				+ "{\"text\":\"Saturn\",\"correct\":false}],\"acceptedAnswers\":[]}";
		this.server.createContext("/api/quizzes/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			String id = path.substring(path.lastIndexOf('/') + 1);
			StringJoiner all = new StringJoiner(",", "[", "]");
			for (int i = 0; i < questions; i++) {
				all.add(question.formatted(UUID.randomUUID()));
			}
			byte[] quiz = ("{\"id\":\"" + id + "\",\"ownerId\":\"" + hostId
					+ "\",\"title\":\"Bench quiz\",\"version\":1,\"withAnswers\":true,\"questions\":" + all + "}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, quiz.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(quiz);
			}
		});
	}

	/** The base URL to give session-service as quiz-service's. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private String sign(String claims) {
		String signingInput = this.header + "." + encode(claims);
		try {
			Signature rsa = Signature.getInstance("SHA256withRSA");
			rsa.initSign(this.keys.getPrivate());
			rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
			return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String jwks() {
		RSAPublicKey key = (RSAPublicKey) this.keys.getPublic();
		return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + this.keyId + "\",\"n\":\""
				+ unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}]}";
	}

	private static String unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		if (bytes.length > 1 && bytes[0] == 0) {
			byte[] trimmed = new byte[bytes.length - 1];
			System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
			bytes = trimmed;
		}
		return BASE64URL.encodeToString(bytes);
	}

	private static String encode(String json) {
		return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
