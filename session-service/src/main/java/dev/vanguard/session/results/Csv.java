package dev.vanguard.session.results;

import java.util.List;

/**
 * Writes CSV (RFC 4180) whose cells are safe to open in a spreadsheet, whatever separator
 * the spreadsheet assumes (OWASP's CSV injection guidance): every place where a cell
 * could begin (its start, and after any {@code ,} {@code ;} or tab in it, where a
 * spreadsheet splitting on that character would start a new cell, spaces skipped) gets a
 * {@code '} before a character that starts a formula ({@code = + - @}, their fullwidth
 * forms, tab, carriage return); and a cell holding any separator, quote or line break is
 * quoted.
 */
final class Csv {

	private final StringBuilder out = new StringBuilder();

	Csv row(List<?> cells) {
		for (int i = 0; i < cells.size(); i++) {
			if (i > 0) {
				this.out.append(',');
			}
			this.out.append(cell(cells.get(i)));
		}
		this.out.append("\r\n");
		return this;
	}

	Csv blankLine() {
		this.out.append("\r\n");
		return this;
	}

	@Override
	public String toString() {
		return this.out.toString();
	}

	private static final String FORMULA_STARTS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

	private static final String SEPARATORS = ",;\t";

	static String cell(Object value) {
		String raw = (value != null) ? value.toString() : "";
		StringBuilder text = new StringBuilder(raw.length() + 2);
		boolean cellStart = true;
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (cellStart && FORMULA_STARTS.indexOf(c) >= 0) {
				text.append('\'');
			}
			text.append(c);
			// a spreadsheet may trim the spaces before a cell's first character
			cellStart = SEPARATORS.indexOf(c) >= 0 || (cellStart && c == ' ');
		}
		String neutral = text.toString();
		if (neutral.chars().anyMatch((c) -> ",;\t\"\n\r".indexOf(c) >= 0)) {
			return '"' + neutral.replace("\"", "\"\"") + '"';
		}
		return neutral;
	}

}
