package dev.vanguard.quiz.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.vanguard.quiz.Api;
import dev.vanguard.quiz.QuizIntegrationTest;
import dev.vanguard.quiz.library.QuizContent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@QuizIntegrationTest
class SampleQuizIntegrationTests {

	private static final String SAMPLE_PATH = "/api/quizzes/00000000-0000-0000-0000-0000000005a1";

	@Autowired
	RestTestClient client;

	@Autowired
	SampleQuizSeeder seeder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void anyHostCanHostThePublicSampleQuizWithTenQuestionsOfEveryType() {
		JsonNode sample = Api.json(new Api(this.client).get(UUID.randomUUID(), SAMPLE_PATH).expectStatus().isOk());
		assertThat(sample.get("title").stringValue()).isEqualTo("Vanguard sample quiz");
		assertThat(sample.get("visibility").stringValue()).isEqualTo("PUBLIC");
		assertThat(sample.get("ownerId").stringValue()).isEqualTo("00000000-0000-0000-0000-00000000d3e0");
		assertThat(sample.get("questions")).hasSize(10);
		assertThat(sample.get("questions").valueStream().map((question) -> question.get("type").stringValue()))
			.contains("SINGLE_CHOICE", "MULTIPLE_SELECT", "TRUE_FALSE", "TYPE_ANSWER", "POLL");
	}

	@Test
	void seedsOnceWhenSeveralInstancesStartTogether() throws Exception {
		QuizContent sample = this.seeder.sample();
		this.jdbc.sql("delete from quiz where id = ?").param(SampleQuizSeeder.SAMPLE_QUIZ_ID).update();
		int instances = 3;
		CyclicBarrier start = new CyclicBarrier(instances);
		List<Future<Boolean>> seeded = new ArrayList<>();
		try (ExecutorService starting = Executors.newFixedThreadPool(instances)) {
			for (int i = 0; i < instances; i++) {
				seeded.add(starting.submit(() -> {
					start.await();
					return this.transactions.execute((status) -> this.seeder.seed(sample));
				}));
			}
		}
		List<Boolean> outcomes = new ArrayList<>();
		for (Future<Boolean> outcome : seeded) {
			outcomes.add(outcome.get());
		}
		assertThat(outcomes).containsOnlyOnce(true);
		assertThat(this.jdbc.sql("select count(*) from question where quiz_id = ?")
			.param(SampleQuizSeeder.SAMPLE_QUIZ_ID)
			.query(Integer.class)
			.single()).isEqualTo(10);
	}

	@Test
	void seedingAgainChangesNothing() throws Exception {
		JsonNode before = Api.json(new Api(this.client).get(UUID.randomUUID(), SAMPLE_PATH).expectStatus().isOk());
		this.seeder.run(null);
		JsonNode after = Api.json(new Api(this.client).get(UUID.randomUUID(), SAMPLE_PATH).expectStatus().isOk());
		assertThat(after).isEqualTo(before);
	}

}
