package dev.vanguard.session.game;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import dev.vanguard.contracts.events.QuestionEnded;
import dev.vanguard.contracts.events.QuestionStarted;
import dev.vanguard.contracts.events.SessionEvent;
import dev.vanguard.session.support.Api;
import dev.vanguard.session.support.HostKeys;
import dev.vanguard.session.support.QuizStub.Question;
import dev.vanguard.session.support.ServiceInstances;
import dev.vanguard.session.support.SessionServiceIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A session-service instance stops (a crash, a deploy) or restarts in the middle of a
 * game, beside the test's own instance on the same database, Redis and exchange: the
 * players keep their tokens and the questions keep closing.
 */
class RestartIntegrationTests extends SessionServiceIntegrationTest {

	private final UUID host = UUID.randomUUID();

	@Autowired
	private ConfigurableApplicationContext first;

	@Test
	void keepsEveryPlayerTokenValidAcrossARestartWithTheConfiguredKey() throws Exception {
		String key = ServiceInstances.pem();
		JsonNode created = this.api.openSession(this.host, quiz(this.host, single("Only?")), null);
		String token;
		ConfigurableApplicationContext before = ServiceInstances.launch(this.first, key);
		try {
			token = this.api.onPort(ServiceInstances.port(before))
				.join(created.path("pin").asString(), "ada")
				.path("token")
				.asString();
		}
		finally {
			before.close();
		}

		ConfigurableApplicationContext after = ServiceInstances.launch(this.first, key);
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			ECKey published = publishedKey(this.api.onPort(ServiceInstances.port(after)));
			assertThat(published.getKeyID()).isEqualTo(jwt.getHeader().getKeyID());
			assertThat(jwt.verify(new ECDSAVerifier(published))).isTrue();
			// an instance with a key of its own (none configured, as the test's) would
			// void it
			assertThat(jwt.verify(new ECDSAVerifier(publishedKey(this.api)))).isFalse();
		}
		finally {
			after.close();
		}
	}

	@Test
	void closesAQuestionAtItsDeadlineWhenTheInstanceThatStartedItIsStopped() {
		JsonNode created = this.api.openSession(this.host,
				quiz(this.host, Question.single("Ten seconds?", 10, List.of("Yes", "No"), 0), single("Next?")), null);
		UUID session = UUID.fromString(created.path("id").asString());
		this.api.join(created.path("pin").asString(), "ada");
		ConfigurableApplicationContext starter = ServiceInstances.launch(this.first, ServiceInstances.pem());
		try {
			this.api.onPort(ServiceInstances.port(starter)).control(this.host, session, "start");
		}
		finally {
			starter.close();
		}
		Instant stopped = Instant.now();

		QuestionStarted started = (QuestionStarted) this.events.awaitUpTo(session, 3).get(2);
		assertThat(stopped).as("the starting instance stopped before the deadline").isBefore(started.deadline());
		await().atMost(Duration.ofSeconds(30)).until(() -> status(session).equals("REVEAL"));
		List<SessionEvent> events = this.events.awaitUpTo(session, 4);
		assertThat(events.get(3)).isInstanceOfSatisfying(QuestionEnded.class, (ended) -> {
			assertThat(ended.reason()).isEqualTo(QuestionEnded.Reason.DEADLINE);
			assertThat(ended.createdAt()).isAfterOrEqualTo(started.deadline());
		});
	}

	private String status(UUID session) {
		return this.api.get("/api/sessions/" + session, HostKeys.token(this.host)).json().path("status").asString();
	}

	private static ECKey publishedKey(Api api) throws Exception {
		return (ECKey) JWKSet.parse(api.get("/api/sessions/.well-known/jwks.json", null).body()).getKeys().get(0);
	}

}
