package dev.vanguard.testsupport;

import java.util.List;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jspecify.annotations.NullMarked;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundaries every service keeps, checked on its compiled classes so that the build
 * fails on a new violation:
 * <ul>
 * <li>every package is {@code @NullMarked} (JSpecify): what may be null says so;</li>
 * <li>the domain (entities, services, repositories) imports neither the web layer nor
 * HTTP or servlet types, and an entity not even the shared problem types: a domain rule
 * is an exception of its own that the web layer maps;</li>
 * <li>feature packages do not depend on each other in a cycle; controllers, which are the
 * web layer wherever they sit, are left out of that count.</li>
 * </ul>
 */
public final class Architecture {

	private static final String[] WEB_TYPES = { "org.springframework.web..", "org.springframework.http..",
			"jakarta.servlet.." };

	private final String basePackage;

	private final JavaClasses classes;

	private Architecture(String basePackage) {
		this.basePackage = basePackage;
		this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(basePackage);
	}

	/** The main classes of the service whose packages start with {@code basePackage}. */
	public static Architecture of(String basePackage) {
		return new Architecture(basePackage);
	}

	/** Checks every rule above; an assertion error lists the violations. */
	public void verify() {
		assertThat(this.classes).as("classes under %s", this.basePackage).isNotEmpty();
		everyPackageIsNullMarked();
		domainIgnoresTheWebLayer();
		featuresAreFreeOfCycles();
	}

	private void everyPackageIsNullMarked() {
		List<String> unmarked = this.classes.stream()
			.map(JavaClass::getPackageName)
			.collect(java.util.stream.Collectors.toCollection(TreeSet::new))
			.stream()
			.filter((name) -> !this.classes.getPackage(name).isAnnotatedWith(NullMarked.class))
			.toList();
		assertThat(unmarked).as("packages without @NullMarked in their package-info.java").isEmpty();
	}

	private void domainIgnoresTheWebLayer() {
		String web = this.basePackage + ".web..";
		noClasses().that()
			.areAnnotatedWith("jakarta.persistence.Entity")
			.or()
			.areAnnotatedWith("org.springframework.stereotype.Service")
			.or()
			.areAssignableTo("org.springframework.data.repository.Repository")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(concat(WEB_TYPES, web))
			.allowEmptyShould(true)
			.check(this.classes);
		noClasses().that()
			.areAnnotatedWith("jakarta.persistence.Entity")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.vanguard.support..")
			.allowEmptyShould(true)
			.check(this.classes);
	}

	private void featuresAreFreeOfCycles() {
		DescribedPredicate<JavaClass> controllers = DescribedPredicate.describe("controllers",
				(type) -> annotatedWith("org.springframework.web.bind.annotation.RestController").test(type)
						|| annotatedWith("org.springframework.web.bind.annotation.RestControllerAdvice").test(type));
		slices().matching(this.basePackage + ".(*)..")
			.should()
			.beFreeOfCycles()
			.ignoreDependency(controllers, DescribedPredicate.alwaysTrue())
			.allowEmptyShould(true)
			.check(this.classes);
	}

	private static String[] concat(String[] packages, String more) {
		String[] all = java.util.Arrays.copyOf(packages, packages.length + 1);
		all[packages.length] = more;
		return all;
	}

}
