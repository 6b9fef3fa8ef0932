package dev.vanguard.session.results;

import java.util.List;

/**
 * Writes CSV (RFC 4180) whose cells are safe to open in a spreadsheet: a cell that a
 * spreadsheet would read as a formula (starting with {@code =}, {@code +}, {@code -},
 * {@code @}, tab or carriage return) gets a leading {@code '}.
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

	static String cell(Object value) {
		String text = (value != null) ? value.toString() : "";
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
			return '"' + text.replace("\"", "\"\"") + '"';
		}
		return text;
	}

}
