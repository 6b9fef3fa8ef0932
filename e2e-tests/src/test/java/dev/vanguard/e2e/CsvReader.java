package dev.vanguard.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV (quoted cells may hold commas, quotes and line breaks) into rows of
 * cells; a blank line is an empty row.
 */
final class CsvReader {

	private CsvReader() {
	}

	static List<List<String>> read(String text) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		boolean touched = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					cell.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
				touched = true;
			}
			else if (c == ',') {
				row.add(cell.toString());
				cell.setLength(0);
				touched = true;
			}
			else if (c == '\r' || c == '\n') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				if (touched || cell.length() > 0) {
					row.add(cell.toString());
				}
				rows.add(row);
				row = new ArrayList<>();
				cell.setLength(0);
				touched = false;
			}
			else {
				cell.append(c);
				touched = true;
			}
		}
		if (touched || cell.length() > 0) {
			row.add(cell.toString());
			rows.add(row);
		}
		return rows;
	}

}
