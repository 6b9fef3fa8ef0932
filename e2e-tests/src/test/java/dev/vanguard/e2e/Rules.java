package dev.vanguard.e2e;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import dev.vanguard.e2e.Quizzes.Option;
import dev.vanguard.e2e.Quizzes.Question;

/**
 * The game rules as DESIGN.md §3, docs/protocol.md ("Scoring") and docs/quiz-format.md
 * write them, worked out independently of the services so the test can say what each
 * answer must score.
 */
final class Rules {

	private Rules() {
	}

	/** What a correct answer is worth before the time factor. */
	static int points(Question question) {
		return switch (question.points()) {
			case "DOUBLE" -> 2000;
			case "NONE" -> 0;
			default -> 1000;
		};
	}

	static List<Integer> correctOptions(Question question) {
		List<Integer> correct = new ArrayList<>();
		for (int i = 0; i < question.options().size(); i++) {
			if (question.options().get(i).correct()) {
				correct.add(i);
			}
		}
		return correct;
	}

	static List<String> optionTexts(Question question) {
		return question.options().stream().map(Option::text).toList();
	}

	/** docs/quiz-format.md, "How a typed answer is matched". */
	static String normalise(String text) {
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		return decomposed.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

	/**
	 * Scores one answer.
	 * @param options the chosen options (option types)
	 * @param text the typed answer (type-the-answer)
	 * @param responseMs the server-measured time from the question's start
	 * @param streak the player's streak before this answer
	 */
	static Outcome score(Question question, List<Integer> options, String text, long responseMs, int streak) {
		int full = points(question);
		if (question.type().equals("POLL")) {
			return new Outcome(false, 0, streak);
		}
		long limitMs = question.timeLimitSeconds() * 1000L;
		double factor = (responseMs < 500) ? 1 : 1 - ((double) Math.min(responseMs, limitMs) / limitMs) / 2;
		double fraction;
		boolean correct;
		if (question.type().equals("TYPE_ANSWER")) {
			correct = question.acceptedAnswers().stream().map(Rules::normalise).anyMatch(normalise(text)::equals);
			fraction = correct ? 1 : 0;
		}
		else {
			List<Integer> right = correctOptions(question);
			long chosenRight = options.stream().filter(right::contains).count();
			long chosenWrong = options.size() - chosenRight;
			correct = new HashSet<>(options).equals(new HashSet<>(right));
			fraction = question.type().equals("MULTIPLE_SELECT")
					? (double) Math.max(0, chosenRight - chosenWrong) / right.size() : (correct ? 1 : 0);
		}
		int newStreak = correct ? streak + 1 : 0;
		int points = (int) Math.round(full * fraction * factor);
		if (correct && full > 0) {
			points += Math.min(100 * (newStreak - 1), 500);
		}
		return new Outcome(correct, points, newStreak);
	}

	/** Competition ranking: equal scores share a rank (1, 2, 2, 4). */
	static int rank(long score, List<Long> allScores) {
		return 1 + (int) allScores.stream().filter((other) -> other > score).count();
	}

	record Outcome(boolean correct, int points, int streak) {
	}

}
