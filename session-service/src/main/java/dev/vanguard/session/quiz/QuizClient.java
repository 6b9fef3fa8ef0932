package dev.vanguard.session.quiz;

import java.net.http.HttpClient;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import dev.vanguard.support.ProblemException;
import dev.vanguard.support.ProblemType;

/**
 * Fetches a quiz from quiz-service on behalf of the host, with the host's own token, so
 * quiz-service alone decides who may host what; and with session-service's grant
 * ({@value #GRANT_HEADER}), so quiz-service includes the answer key of a public quiz that
 * another host owns, which it shows that host without.
 */
@Component
public class QuizClient {

	public static final String GRANT_HEADER = "Vanguard-Answer-Key-Grant";

	private final RestClient client;

	private final JsonMapper jsonMapper;

	QuizClient(QuizClientProperties properties, JsonMapper jsonMapper) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(http);
		requestFactory.setReadTimeout(properties.timeout());
		this.client = RestClient.builder()
			.baseUrl(properties.baseUrl().toString())
			.requestFactory(requestFactory)
			.build();
		this.jsonMapper = jsonMapper;
	}

	/**
	 * The quiz, if the host whose bearer token this is may host it.
	 * @throws ProblemException 404 when quiz-service does not show it to this host, 502
	 * when quiz-service cannot be reached or answers nonsense
	 */
	public QuizDocument fetch(UUID quizId, String bearerToken, String answerKeyGrant) {
		String body;
		try {
			body = this.client.get()
				.uri("/api/quizzes/{id}", quizId)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearerToken)
				.header(GRANT_HEADER, answerKeyGrant)
				.accept(MediaType.APPLICATION_JSON)
				.retrieve()
				.body(String.class);
		}
		catch (HttpClientErrorException ex) {
			if (ex.getStatusCode().value() == 404 || ex.getStatusCode().value() == 403) {
				throw ProblemException.notFound("Quiz " + quizId + " does not exist or you may not host it.");
			}
			throw unavailable();
		}
		catch (RestClientException ex) {
			throw unavailable();
		}
		QuizDocument quiz;
		try {
			quiz = this.jsonMapper.readValue(body, QuizDocument.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw unavailable();
		}
		// without its key a quiz would play with no right answers: refuse instead
		if (!quiz.withAnswers()) {
			throw unavailable();
		}
		return quiz;
	}

	private static ProblemException unavailable() {
		return new ProblemException(ProblemType.QUIZ_SERVICE_UNAVAILABLE, "Quiz service unavailable",
				"The quiz could not be loaded right now; please try again.");
	}

}
