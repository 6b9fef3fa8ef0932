package dev.vanguard.session.results;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTests {

	@Test
	void neutralisesCellsASpreadsheetWouldRunAsFormulas() {
		assertThat(Csv.cell("=1+1")).isEqualTo("'=1+1");
		assertThat(Csv.cell("+33 6")).isEqualTo("'+33 6");
		assertThat(Csv.cell("-2")).isEqualTo("'-2");
		assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(Csv.cell("\tx")).isEqualTo("'\tx");
		assertThat(Csv.cell("\rx")).isEqualTo("\"'\rx\"");
		assertThat(Csv.cell("a=b")).isEqualTo("a=b");
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
