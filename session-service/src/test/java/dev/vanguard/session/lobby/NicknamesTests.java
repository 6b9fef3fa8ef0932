package dev.vanguard.session.lobby;

import org.junit.jupiter.api.Test;

import dev.vanguard.support.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NicknamesTests {

	private final Nicknames nicknames = new Nicknames();

	@Test
	void trimsAndCollapsesSpaces() {
		assertThat(this.nicknames.clean("  Ada \t  Lovelace  ")).isEqualTo("Ada Lovelace");
		assertThat(this.nicknames.clean("\u00A0Zoë\u2003")).isEqualTo("Zoë");
	}

	@Test
	void countsCharactersNotCodeUnits() {
		assertThat(this.nicknames.clean("👩‍💻".repeat(5))).isNotBlank();
		assertThat(this.nicknames.clean("🦊".repeat(20))).hasSize(40);
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> this.nicknames.clean("🦊".repeat(21)));
	}

	@Test
	void refusesInvisibleOrControlCharacters() {
		for (String bad : new String[] { "", "   ", "\u200B", "a\u200Bb", "a\u0007", "\u0301\u0301", "\uE000x" }) {
			assertThatExceptionOfType(ProblemException.class).as(bad)
				.isThrownBy(() -> this.nicknames.clean(bad))
				.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(400));
		}
	}

	@Test
	void blocksAbuseAsWholeWordsOrHiddenInTheSquashedName() {
		assertThat(this.nicknames.isBlocked("Fuck")).isTrue();
		assertThat(this.nicknames.isBlocked("f.u.c.k")).isTrue();
		assertThat(this.nicknames.isBlocked("SH1T")).isTrue();
		assertThat(this.nicknames.isBlocked("big ass")).isTrue();
		assertThat(this.nicknames.isBlocked("Bïtch")).isTrue();
		assertThat(this.nicknames.isBlocked("Classy")).isFalse();
		assertThat(this.nicknames.isBlocked("Dickens")).isFalse();
		assertThat(this.nicknames.isBlocked("Scunthorpe Cassie")).isFalse();
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> this.nicknames.clean("sh!t"))
			.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(422));
	}

	@Test
	void foldsLookAlikesIntoOneKey() {
		String ann = this.nicknames.key("Ann");
		assertThat(this.nicknames.key("ANN")).isEqualTo(ann);
		// Cyrillic capital A, fullwidth letters
		assertThat(this.nicknames.key("\u0410nn")).isEqualTo(ann);
		assertThat(this.nicknames.key("\uFF21\uFF4E\uFF4E")).isEqualTo(ann);
		assertThat(this.nicknames.key("Bob")).isNotEqualTo(ann);
	}

	@Test
	void refusesBlankLookingCharactersAndAJoinerBetweenLetters() {
		for (String bad : new String[] { "\u3164", "\u2800", "a\u3164", "\u115F\u1160", "\uFFA0", "An\u200Dn" }) {
			assertThatExceptionOfType(ProblemException.class).as(bad)
				.isThrownBy(() -> this.nicknames.clean(bad))
				.satisfies((ex) -> assertThat(ex.getStatusCode().value()).isEqualTo(400));
		}
		// the joiner still builds emoji sequences: woman + laptop, with a skin tone
		assertThat(this.nicknames.clean("\uD83D\uDC69\u200D\uD83D\uDCBB")).isNotBlank();
		assertThat(this.nicknames.clean("\uD83D\uDC69\uD83C\uDFFD\u200D\uD83D\uDCBB")).isNotBlank();
	}

}
