package dev.vanguard.session.results;

import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTests {

	@Test
	void neutralisesCellsASpreadsheetWouldRunAsFormulas() {
		assertThat(Csv.cell("=1+1")).isEqualTo("'=1+1");
		assertThat(Csv.cell("+33 6")).isEqualTo("'+33 6");
		assertThat(Csv.cell("-2")).isEqualTo("'-2");
		assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(Csv.cell("\tx")).isEqualTo("\"'\tx\"");
		assertThat(Csv.cell("\rx")).isEqualTo("\"'\rx\"");
		assertThat(Csv.cell("a=b")).isEqualTo("a=b");
	}

	@Test
	void neutralisesAFormulaAfterAnySeparatorASpreadsheetMightSplitOn() throws Exception {
		List<String> hostile = List.of("a;=1+1", "x\t=HYPERLINK(\"http://evil\")", "b,@SUM(A1)", "c; -2+3",
				"=cmd|' /C calc'!A0", "d;\uFF1D1+1", "plain; text, fine");
		String csv = new Csv().row(hostile).row(List.of("ok", "a;+1")).toString();
		for (char separator : new char[] { ',', ';', '\t' }) {
			// lenient as a spreadsheet: text after a closing quote stays in the cell
			CSVFormat format = CSVFormat.RFC4180.builder()
				.setDelimiter(separator)
				.setTrailingData(true)
				.setLenientEof(true)
				.get();
			try (CSVParser parser = CSVParser.parse(csv, format)) {
				for (CSVRecord record : parser) {
					for (String field : record) {
						assertThat(field.stripLeading()).as("separator %s, field %s", separator, field)
							.doesNotStartWith("=")
							.doesNotStartWith("+")
							.doesNotStartWith("-")
							.doesNotStartWith("@")
							.doesNotStartWith("\uFF1D");
					}
				}
			}
		}
		// with the right separator every cell reads back as written, plus its marks
		try (CSVParser parser = CSVParser.parse(csv, CSVFormat.RFC4180)) {
			List<String> first = parser.getRecords().get(0).toList();
			assertThat(first).hasSize(hostile.size());
			assertThat(first.get(0)).isEqualTo("a;'=1+1");
			assertThat(first.get(6)).isEqualTo("plain; text, fine");
		}
	}

	@Test
	void quotesCellsWithSeparatorsQuotesOrLineBreaks() {
		assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
		assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
		assertThat(Csv.cell(null)).isEmpty();
		assertThat(new Csv().row(Arrays.asList("a", 1, true, null)).row(List.of("b")).toString())
			.isEqualTo("a,1,true,\r\nb\r\n");
	}

}
