package dev.vanguard.testsupport;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Chooses between Testcontainers and the local services, once per test run. */
final class InfrastructureConditions {

	private InfrastructureConditions() {
	}

	static final class Containers implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return Infrastructure.containers();
		}

	}

	static final class Local implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !Infrastructure.containers();
		}

	}

}
