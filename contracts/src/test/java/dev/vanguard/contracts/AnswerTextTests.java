package dev.vanguard.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerTextTests {

	@Test
	void ignoresCaseAccentsAndSurroundingSpace() {
		assertThat(AnswerText.normalise("  Ça   VA  ")).isEqualTo("ca va");
		assertThat(AnswerText.normalise("Zürich")).isEqualTo(AnswerText.normalise("zurich"));
	}

	@Test
	void keepsDifferentWordsApart() {
		assertThat(AnswerText.normalise("Paris")).isNotEqualTo(AnswerText.normalise("Pari s"));
	}

}
