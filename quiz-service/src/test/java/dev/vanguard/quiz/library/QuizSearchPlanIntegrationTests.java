package dev.vanguard.quiz.library;

import java.util.List;
import java.util.UUID;

import dev.vanguard.quiz.QuizIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Searching a library of 10,000 quizzes goes through the GIN index on the search vector,
 * not a scan of every quiz. The quizzes are realistic in size (each carries the text of
 * ten questions, as real ones do): for rows of a few bytes a sequential scan is cheaper
 * and PostgreSQL rightly takes it.
 */
@QuizIntegrationTest
class QuizSearchPlanIntegrationTests {

	private static final int QUIZZES = 10_000;

	/** As many topics as it takes for one to match 1 % of the quizzes. */
	private static final int TOPICS = 100;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	QuizSearch search;

	final UUID owner = UUID.randomUUID();

	@AfterEach
	void removeQuizzes() {
		this.jdbc.sql("delete from quiz where owner_id = ?").param(this.owner).update();
	}

	@Test
	void textSearchOverTenThousandQuizzesUsesTheSearchIndex() {
		this.jdbc.sql("""
				insert into quiz (id, owner_id, title, description, visibility, tags, question_count, search_text,
					version, created_at, updated_at)
				select gen_random_uuid(), ?, 'Quiz ' || i || ' on topic' || (i % ?),
					'Practice round ' || i || ' for the weekly team meeting, with questions old and new',
					case when i % 2 = 0 then 'PUBLIC' else 'PRIVATE' end, array['test'], 10,
					(select string_agg('Question ' || j || ' asks which of these answers is right about '
						|| md5(i || '/' || j) || ' today?', E'\n') from generate_series(1, 10) as j),
					0, now() - i * interval '1 minute', now()
				from generate_series(1, ?) as i
				""").params(this.owner, TOPICS, QUIZZES).update();
		this.jdbc.sql("analyze quiz").update();

		List<String> plan = this.search.explain(this.owner,
				new QuizSearch.Query(false, false, "topic42", List.of(), 0, 20));

		assertThat(String.join("\n", plan)).contains("Bitmap Index Scan on quiz_search_vector_idx");
		assertThat(this.search.find(this.owner, new QuizSearch.Query(true, false, "topic42", List.of(), 0, 20))
			.totalItems()).isEqualTo(QUIZZES / TOPICS);
	}

}
