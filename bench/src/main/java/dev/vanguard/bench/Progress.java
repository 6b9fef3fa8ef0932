package dev.vanguard.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Progress lines on standard error, so standard output holds only the tables. */
final class Progress {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private Progress() {
	}

	static void say(String format, Object... args) {
		System.err.println(LocalTime.now().format(TIME) + " " + String.format(Locale.ROOT, format, args));
	}

}
