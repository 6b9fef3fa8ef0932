package dev.vanguard.auth.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

	private final PasswordPolicy policy = PasswordPolicy.withCommonPasswordsFromClasspath();

	@Test
	void acceptsAnOrdinaryPassphrase() {
		assertThat(this.policy.violation("correct horse battery", "ann@example.com", "Ann")).isEmpty();
	}

	@Test
	void countsCharactersNotUtf16Units() {
		String nineEmoji = "\uD83D\uDE00".repeat(9);
		assertThat(this.policy.violation(nineEmoji, "ann@example.com", "Ann")).contains("must be 10 to 128 characters");
		assertThat(this.policy.violation(nineEmoji + "\uD83D\uDE01", "ann@example.com", "Ann")).isEmpty();
	}

	@Test
	void refusesCommonPasswordsIgnoringCase() {
		assertThat(this.policy.violation("QWERTYUIOP", "ann@example.com", "Ann"))
			.contains("is one of the most common passwords");
	}

	@Test
	void refusesTheEmailItsLocalPartAndTheDisplayName() {
		assertThat(this.policy.violation("annabelle@example.com", "annabelle@example.com", "Ann"))
			.contains("must not be your e-mail address");
		assertThat(this.policy.violation("Annabelle.Lee", "annabelle.lee@example.com", "Ann"))
			.contains("must not be your e-mail address");
		assertThat(this.policy.violation("Annabelle Lee", "ann@example.com", "annabelle lee"))
			.contains("must not be your display name");
	}

	@Test
	void refusesOneRepeatedCharacter() {
		assertThat(this.policy.violation("!!!!!!!!!!!!", "ann@example.com", "Ann"))
			.contains("must not be one character repeated");
	}

	@Test
	void demoPasswordPassesThePolicy() {
		assertThat(this.policy.violation("vanguard-demo-1", "demo@vanguard.local", "Demo Host")).isEmpty();
	}

}
