package dev.vanguard.session;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import dev.vanguard.testsupport.Architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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

}
