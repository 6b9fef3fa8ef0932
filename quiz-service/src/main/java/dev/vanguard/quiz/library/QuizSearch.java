package dev.vanguard.quiz.library;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Listing and full-text search over the library, straight in SQL: the search vector is a
 * generated column with a GIN index ({@code quiz_search_vector_idx}), ranked with
 * {@code ts_rank}; without a text query the newest come first.
 */
@Component
class QuizSearch {

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");

	/** More words than this narrow nothing down and only cost planning time. */
	private static final int MAX_WORDS = 16;

	private static final String COLUMNS = """
			q.id, q.owner_id, q.title, q.description, q.visibility, q.tags, q.question_count, q.version,
			q.created_at, q.updated_at""";

	private final JdbcClient jdbc;

	QuizSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	QuizPage find(UUID host, Query query) {
		Statement statement = statement(host, query);
		long total = this.jdbc.sql("select count(*) from quiz q where " + statement.where())
			.params(statement.params())
			.query(Long.class)
			.single();
		List<QuizSummary> items = this.jdbc.sql(statement.select())
			.params(statement.params())
			.query(QuizSearch::summary)
			.list();
		return QuizPage.of(items, query.page(), query.size(), total);
	}

	/** The plan PostgreSQL picks for this listing, to show that it stays index-backed. */
	List<String> explain(UUID host, Query query) {
		Statement statement = statement(host, query);
		return this.jdbc.sql("explain " + statement.select()).params(statement.params()).query(String.class).list();
	}

	private Statement statement(UUID host, Query query) {
		Map<String, Object> params = new HashMap<>();
		List<String> conditions = new ArrayList<>();
		params.put("host", host);
		if (query.mine() && !query.publicOnly()) {
			conditions.add("q.owner_id = :host");
		}
		else if (query.publicOnly() && !query.mine()) {
			conditions.add("q.visibility = 'PUBLIC'");
		}
		else {
			conditions.add("(q.owner_id = :host or q.visibility = 'PUBLIC')");
		}
		if (!query.tags().isEmpty()) {
			conditions.add("q.tags @> array[:tags]::text[]");
			params.put("tags", query.tags());
		}
		String order = "q.created_at desc, q.id desc";
		String tsQuery = tsQuery(query.text());
		if (tsQuery != null) {
			conditions.add("q.search_vector @@ to_tsquery('quiz_search', :query)");
			order = "ts_rank(q.search_vector, to_tsquery('quiz_search', :query)) desc, " + order;
			params.put("query", tsQuery);
		}
		params.put("limit", query.size());
		params.put("offset", (long) query.page() * query.size());
		String where = String.join(" and ", conditions);
		String select = "select " + COLUMNS + " from quiz q where " + where + " order by " + order
				+ " limit :limit offset :offset";
		return new Statement(select, where, params);
	}

	/**
	 * Every word of the query, as a prefix, all required: "geo cap" finds "Geography:
	 * capitals". Only letters and digits reach the tsquery, so its syntax cannot be
	 * injected.
	 */
	static @Nullable String tsQuery(String text) {
		if (text == null) {
			return null;
		}
		List<String> words = new ArrayList<>();
		Matcher matcher = WORD.matcher(text);
		while (matcher.find() && words.size() < MAX_WORDS) {
			words.add(matcher.group().toLowerCase(Locale.ROOT) + ":*");
		}
		return words.isEmpty() ? null : String.join(" & ", words);
	}

	private static QuizSummary summary(ResultSet row, int number) throws SQLException {
		return new QuizSummary(row.getObject("id", UUID.class), row.getObject("owner_id", UUID.class),
				row.getString("title"), row.getString("description"), Visibility.valueOf(row.getString("visibility")),
				tags(row.getArray("tags")), row.getInt("question_count"), row.getLong("version"),
				row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant());
	}

	private static List<String> tags(Array array) throws SQLException {
		return (array != null) ? List.of((String[]) array.getArray()) : List.of();
	}

	/**
	 * What to list.
	 *
	 * @param mine only the host's own quizzes (private and public)
	 * @param publicOnly only public quizzes (everyone's)
	 * @param text words to search for, or {@code null}
	 * @param tags tags the quizzes must all have (lower case)
	 */
	record Query(boolean mine, boolean publicOnly, String text, List<String> tags, int page, int size) {

		Query {
			tags = List.copyOf(tags);
		}

	}

	private record Statement(String select, String where, Map<String, Object> params) {

	}

}
