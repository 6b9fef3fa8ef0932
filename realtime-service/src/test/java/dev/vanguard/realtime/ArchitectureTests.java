package dev.vanguard.realtime;

import org.junit.jupiter.api.Test;

import dev.vanguard.testsupport.Architecture;

/** The boundaries of {@link Architecture}: the build fails on a new violation. */
class ArchitectureTests {

	@Test
	void keepsItsBoundaries() {
		Architecture.of("dev.vanguard.realtime").verify();
	}

}
