package dev.vanguard.session.quiz;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param baseUrl where quiz-service answers {@code /api/quizzes/{id}}
 * @param timeout how long to wait for it before telling the host to try again
 */
@ConfigurationProperties("vanguard.quiz")
record QuizClientProperties(@DefaultValue("http://127.0.0.1:8082") URI baseUrl, @DefaultValue("5s") Duration timeout) {
}
