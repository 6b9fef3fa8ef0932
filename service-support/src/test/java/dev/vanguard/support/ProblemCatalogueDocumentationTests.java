package dev.vanguard.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problem types are a contract with clients, so the documentation must name exactly
 * the catalogue: {@code docs/api/problems.md} lists every type with its status, and each
 * service's API page names only types from it.
 */
class ProblemCatalogueDocumentationTests {

	private static final Path DOCS = Path.of("..", "docs", "api");

	private static final Pattern ROW = Pattern.compile("^\\| `([a-z-]+)` \\| (\\d{3}) \\|", Pattern.MULTILINE);

	private static final Pattern NAME = Pattern.compile("`([a-z][a-z-]*)`");

	@Test
	void problemsPageListsExactlyTheCatalogueWithItsStatuses() throws IOException {
		Set<String> documented = new LinkedHashSet<>();
		Matcher row = ROW.matcher(Files.readString(DOCS.resolve("problems.md")));
		while (row.find()) {
			documented.add(row.group(1) + " " + row.group(2));
		}
		Set<String> catalogue = Arrays.stream(ProblemType.values())
			.map((type) -> type.slug() + " " + type.status().value())
			.collect(Collectors.toCollection(LinkedHashSet::new));
		assertThat(documented).containsExactlyInAnyOrderElementsOf(catalogue);
	}

	@Test
	void serviceApiPagesNameOnlyCataloguedTypes() throws IOException {
		Set<String> slugs = Arrays.stream(ProblemType.values()).map(ProblemType::slug).collect(Collectors.toSet());
		for (String page : new String[] { "auth.md", "quizzes.md", "sessions.md" }) {
			Set<String> named = errorsSectionNames(Files.readString(DOCS.resolve(page)));
			assertThat(named).as("problem types named in the Errors section of %s", page).isNotEmpty();
			assertThat(slugs).as("the catalogue, against %s", page).containsAll(named);
		}
	}

	/**
	 * The backticked names in the Errors section, after its opening sentence: the first
	 * column of a table, or the items of a paragraph without their parenthesised notes.
	 */
	private static Set<String> errorsSectionNames(String page) {
		int start = page.indexOf("## Errors");
		assertThat(start).as("an Errors section").isNotNegative();
		int end = page.indexOf("\n## ", start + 1);
		String section = page.substring(start, (end < 0) ? page.length() : end);
		section = section.substring(section.indexOf("<name>`:") + "<name>`:".length())
			.replaceAll("(?s)\\([^)]*\\)", "");
		Set<String> names = new TreeSet<>();
		for (String line : section.split("\n")) {
			Matcher name = NAME.matcher(line.startsWith("|") ? line.split("\\|")[1] : line);
			while (name.find()) {
				names.add(name.group(1));
			}
		}
		return names;
	}

}
