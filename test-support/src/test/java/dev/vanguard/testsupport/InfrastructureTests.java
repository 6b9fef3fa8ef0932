package dev.vanguard.testsupport;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InfrastructureTests {

	@Test
	void uniqueNamesAreUnquotedSqlIdentifiersThatNeverRepeat() {
		Set<String> names = new HashSet<>();
		for (int i = 0; i < 1_000; i++) {
			names.add(Infrastructure.uniqueName("vanguard_test"));
		}
		assertThat(names).hasSize(1_000).allMatch((name) -> name.matches("vanguard_test_[0-9a-f]{12}"));
	}

}
