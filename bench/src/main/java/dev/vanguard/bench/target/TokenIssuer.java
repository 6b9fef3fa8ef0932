package dev.vanguard.bench.target;

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
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;

/**
 * Plays session-service's part in issuing player tokens: an RSA key of its own, RS256
 * tokens with the player claims (iss {@code vanguard-session}, scope {@code player},
 * {@code sub}, {@code sid}, {@code nickname}), and the public key served as a JWKS for
 * realtime-service to verify them. Tokens are minted by hand (header, claims, signature)
 * because the bench needs nothing else of a JOSE library.
 */
public final class PlayerTokens implements AutoCloseable {

	static final String ISSUER = "vanguard-session";

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final KeyPair keys;

	private final String keyId = "bench-" + UUID.randomUUID();

	private final HttpServer server;

	private final String header;

	public PlayerTokens(int port) throws IOException {
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
		String claims = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + playerId + "\",\"sid\":\"" + sessionId
				+ "\",\"scope\":\"player\",\"nickname\":\"" + nickname + "\",\"iat\":" + now + ",\"exp\":"
				+ (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
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
