package dev.vanguard.session.database;

import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Set;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.resilience.retry.MethodRetrySpec;
import org.springframework.resilience.retry.SimpleRetryInterceptor;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a transaction again when the pooled connection it was given turned out dead.
 *
 * <p>
 * PostgreSQL ends connections under the pool (a restart, a failover, an administrator).
 * The pool checks a connection before handing it out only when it was idle for more than
 * half a second, and the server clock keeps the connections busier than that, so the next
 * request got a dead one and answered 500. The failed attempt rolled back; the pool
 * dropped that connection; the next attempt gets another. The delays add up to more than
 * that half second, after which the pool checks the remaining connections itself.
 *
 * <p>
 * Only the outermost transaction is retried, and only for a connection that broke (SQL
 * states 08xxx and 57P01–57P03, those the pool itself treats as broken): a database that
 * is down makes the pool time out, which is not retried. Every transaction of the service
 * tolerates a repeat, since each checks the state it changes.
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
class DeadConnectionRetryConfiguration {

	/** Attempts after the first: 50, 100, 200 and 400 ms apart. */
	static final int MAX_RETRIES = 4;

	private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

	/** HikariCP's message for any use of a connection it closed. */
	private static final String CLOSED_BY_THE_POOL = "Connection is closed";

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor deadConnectionRetryAdvisor() {
		MethodRetrySpec spec = new MethodRetrySpec(DeadConnectionRetryConfiguration::brokenConnection, MAX_RETRIES,
				Duration.ofMillis(50), Duration.ZERO, 2.0, Duration.ofMillis(400));
		SimpleRetryInterceptor retry = new SimpleRetryInterceptor(spec);
		MethodInterceptor outermost = (invocation) -> TransactionSynchronizationManager.isActualTransactionActive()
				? invocation.proceed() : retry.invoke(invocation);
		ComposablePointcut transactional = new ComposablePointcut(
				new AnnotationMatchingPointcut(Transactional.class, null, true))
			.union(new AnnotationMatchingPointcut(null, Transactional.class, true));
		ComposablePointcut ours = transactional
			.intersection((Class<?> type) -> type.getName().startsWith("dev.vanguard.session."));
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(ours, outermost);
		// around the transaction, so each attempt is a transaction of its own
		advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return advisor;
	}

	static boolean brokenConnection(Method method, Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException) {
				return false;
			}
			if (cause instanceof SQLException sql && (brokenState(sql.getSQLState()) || closedByThePool(sql))) {
				return true;
			}
		}
		return false;
	}

	private static boolean brokenState(String state) {
		return state != null && (state.startsWith("08") || SHUTDOWN_STATES.contains(state));
	}

	/**
	 * The rollback after the failure runs on the connection the pool has just dropped as
	 * broken; its failure ("Connection is closed", no SQL state) replaces the one that
	 * tells why. Nothing was committed.
	 */
	private static boolean closedByThePool(SQLException failure) {
		return failure.getSQLState() == null && CLOSED_BY_THE_POOL.equals(failure.getMessage());
	}

}
