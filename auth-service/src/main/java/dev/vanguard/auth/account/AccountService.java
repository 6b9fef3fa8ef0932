package dev.vanguard.auth.account;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creates host accounts and checks their passwords. */
@Service
public class AccountService {

	private final AccountRepository accounts;

	private final PasswordEncoder passwordEncoder;

	private final PasswordPolicy passwordPolicy;

	private final Clock clock;

	private final Counter registrations;

	// Checked against when the e-mail is unknown, so that an unknown e-mail costs as
	// much time as a wrong password and timing does not reveal which accounts exist.
	private final String dummyHash;

	AccountService(AccountRepository accounts, PasswordEncoder passwordEncoder, Clock clock, MeterRegistry meters) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.passwordPolicy = PasswordPolicy.withCommonPasswordsFromClasspath();
		this.clock = clock;
		this.registrations = Counter.builder("auth.user.registrations")
			.description("Host accounts created")
			.register(meters);
		this.dummyHash = passwordEncoder.encode(UUID.randomUUID().toString());
	}

	/** The form e-mails are stored and compared in. */
	public static String normalizeEmail(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	AccountView register(RegisterRequest request) {
		String email = normalizeEmail(request.email());
		String displayName = request.displayName().strip();
		Optional<String> violation = this.passwordPolicy.violation(request.password(), email, displayName);
		if (violation.isPresent()) {
			throw new WeakPasswordException(violation.get());
		}
		if (this.accounts.existsByEmail(email)) {
			throw new EmailTakenException();
		}
		// PostgreSQL keeps microseconds; truncating now makes this response equal /me's.
		Account account = new Account(email, this.passwordEncoder.encode(request.password()), displayName,
				this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		try {
			account = this.accounts.saveAndFlush(account);
		}
		catch (DataIntegrityViolationException ex) {
			// Lost a race with a concurrent registration of the same e-mail.
			throw new EmailTakenException();
		}
		this.registrations.increment();
		return account.view();
	}

	/**
	 * The account if the password is right; empty for a wrong password or unknown e-mail.
	 */
	public Optional<AccountView> authenticate(String email, String password) {
		Optional<Account> account = this.accounts.findByEmail(normalizeEmail(email));
		if (account.isEmpty()) {
			this.passwordEncoder.matches(password, this.dummyHash);
			return Optional.empty();
		}
		if (!this.passwordEncoder.matches(password, account.get().passwordHash())) {
			return Optional.empty();
		}
		return account.map(Account::view);
	}

	public Optional<AccountView> find(UUID id) {
		return this.accounts.findById(id).map(Account::view);
	}

}
