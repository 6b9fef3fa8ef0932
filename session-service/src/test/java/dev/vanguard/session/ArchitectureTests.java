package dev.vanguard.session;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import dev.vanguard.testsupport.Architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries of {@link Architecture}, and session-service's own: the build fails on a
 * new violation.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.vanguard.session");

	@Test
	void keepsItsBoundaries() {
		Architecture.of("dev.vanguard.session").verify();
	}

	/**
	 * The lobby sits on top of the game: it changes a session through what the game
	 * package publishes, and nothing but the web layer's problem mapping looks into the
	 * lobby.
	 */
	@Test
	void nothingButTheWebLayerDependsOnTheLobby() {
		noClasses().that()
			.resideOutsideOfPackages("dev.vanguard.session.lobby..", "dev.vanguard.session.web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.vanguard.session.lobby..")
			.check(CLASSES);
	}

	/**
	 * A feature's entry points, configuration and repositories are its own: another
	 * feature goes through its services, never its controllers, settings or tables.
	 */
	@Test
	void controllersConfigurationAndRepositoriesStayPackagePrivate() {
		classes().that()
			.areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
			.or()
			.areAnnotatedWith("org.springframework.context.annotation.Configuration")
			.or()
			.areAnnotatedWith("org.springframework.boot.context.properties.ConfigurationProperties")
			.should()
			.notHaveModifier(JavaModifier.PUBLIC)
			.check(CLASSES);
		classes().that()
			.haveSimpleName("GameSessionRepository")
			.should()
			.onlyBeAccessed()
			.byClassesThat()
			.resideInAPackage("dev.vanguard.session.game")
			.check(CLASSES);
	}

	/**
	 * Stricter than {@link Architecture}'s count, which leaves controllers out: here a
	 * controller belongs to its feature, so no feature reaches back into another through
	 * its endpoints either (they read the host through {@code host}, not the web layer,
	 * which maps the features' exceptions and so sits above them).
	 */
	@Test
	void featuresIncludingTheirControllersAreFreeOfCycles() {
		slices().matching("dev.vanguard.session.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	/**
	 * The same packages as Spring Modulith's application modules: no cycle, and nothing
	 * reaches into another module's internals.
	 */
	@Test
	void applicationModulesVerify() {
		ApplicationModules.of(SessionApplication.class).verify();
	}

	/**
	 * The features stack up: the live store and the players below the game, the game
	 * below the lobby and the results. The game keeps answers and results through
	 * {@code ResultsKeeping}, which the results implement, never by calling into them.
	 */
	@Test
	void theGameDependsOnNeitherTheLobbyNorTheResults() {
		noClasses().that()
			.resideInAnyPackage("dev.vanguard.session.game..", "dev.vanguard.session.live..",
					"dev.vanguard.session.player..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.vanguard.session.lobby..", "dev.vanguard.session.results..")
			.check(CLASSES);
		noClasses().that()
			.resideInAnyPackage("dev.vanguard.session.live..", "dev.vanguard.session.player..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.vanguard.session.game..")
			.check(CLASSES);
	}

	/**
	 * A session's Redis keys are the live store's: every read and write of the state
	 * realtime-service shares goes through {@code live}, so its scripts and key layout
	 * are in one place, and only the features that change a live session use it.
	 */
	@Test
	void onlyTheLiveStoreTouchesASessionsRedisKeys() {
		noClasses().that()
			.resideOutsideOfPackage("dev.vanguard.session.live..")
			.should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("dev.vanguard.contracts.SessionKeys")
			.check(CLASSES);
		classes().that()
			.resideInAPackage("dev.vanguard.session.live..")
			.should()
			.onlyBeAccessed()
			.byClassesThat()
			.resideInAnyPackage("dev.vanguard.session.live..", "dev.vanguard.session.game..",
					"dev.vanguard.session.lobby..", "dev.vanguard.session.results..")
			.check(CLASSES);
	}

	/**
	 * The players' table is changed by the player feature's repository, which the game
	 * and the lobby use; the results read their own tables.
	 */
	@Test
	void onlyTheGameAndTheLobbyUseThePlayersRepository() {
		classes().that()
			.haveSimpleName("PlayerRepository")
			.should()
			.onlyBeAccessed()
			.byClassesThat()
			.resideInAnyPackage("dev.vanguard.session.player..", "dev.vanguard.session.game..",
					"dev.vanguard.session.lobby..")
			.check(CLASSES);
	}

}
