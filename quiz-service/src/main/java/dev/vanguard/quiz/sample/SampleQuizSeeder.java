package dev.vanguard.quiz.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.vanguard.quiz.library.QuizContent;
import dev.vanguard.quiz.transfer.QuizFiles;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the public sample quiz into the library on startup, so that a fresh installation
 * has something to host. Its id is fixed and the insert does nothing when the quiz is
 * there, so restarts and several instances starting together seed it exactly once. The
 * quiz comes from an export file read with the import rules, so it is always valid.
 */
@Component
@ConditionalOnBooleanProperty(name = "vanguard.demo.enabled", matchIfMissing = true)
class SampleQuizSeeder implements ApplicationRunner {

	/** The demo host that auth-service creates. */
	static final UUID DEMO_HOST_ID = UUID.fromString("00000000-0000-0000-0000-00000000d3e0");

	static final UUID SAMPLE_QUIZ_ID = UUID.fromString("00000000-0000-0000-0000-0000000005a1");

	private static final String RESOURCE = "sample/sample-quiz.json";

	private final QuizFiles files;

	private final JsonMapper json;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	SampleQuizSeeder(QuizFiles files, JsonMapper json, JdbcClient jdbc, TransactionTemplate transactions) {
		this.files = files;
		this.json = json;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		QuizContent sample = sample();
		this.transactions.executeWithoutResult((status) -> seed(sample));
	}

	QuizContent sample() throws IOException {
		try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
			return this.files.read(this.json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
		}
	}

	/** Inserts the sample unless it is there; true when this call inserted it. */
	boolean seed(QuizContent sample) {
		Timestamp now = new Timestamp(System.currentTimeMillis());
		String searchText = sample.questions()
			.stream()
			.map(QuizContent.Question::text)
			.collect(Collectors.joining("\n"));
		int inserted = this.jdbc.sql("""
				insert into quiz (id, owner_id, title, description, visibility, tags, question_count, search_text,
					version, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
				on conflict (id) do nothing
				""")
			.params(SAMPLE_QUIZ_ID, DEMO_HOST_ID, sample.title(), sample.description(), sample.visibility().name(),
					sample.tags().toArray(String[]::new), sample.questions().size(), searchText, now, now)
			.update();
		if (inserted == 0) {
			return false;
		}
		List<QuizContent.Question> questions = sample.questions();
		for (int position = 0; position < questions.size(); position++) {
			insertQuestion(position, questions.get(position));
		}
		return true;
	}

	private void insertQuestion(int position, QuizContent.Question question) {
		UUID id = UUID
			.nameUUIDFromBytes(("vanguard-sample-quiz/question/" + position).getBytes(StandardCharsets.UTF_8));
		this.jdbc.sql("""
				insert into question (id, quiz_id, position, type, text, image_url, time_limit_seconds, points,
					accepted_answers)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(id, SAMPLE_QUIZ_ID, position, question.type().name(), question.text(), question.imageUrl(),
					question.timeLimitSeconds(), question.points().name(),
					question.acceptedAnswers().toArray(String[]::new))
			.update();
		List<QuizContent.Option> options = question.options();
		for (int index = 0; index < options.size(); index++) {
			this.jdbc.sql("insert into question_option (question_id, position, text, correct) values (?, ?, ?, ?)")
				.params(id, index, options.get(index).text(), options.get(index).correct())
				.update();
		}
	}

}
