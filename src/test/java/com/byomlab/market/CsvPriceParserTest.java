package com.byomlab.market;

import com.byomlab.market.CsvPriceParser.RowError;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvPriceParserTest {

    private static final String HEADER = "date,open,high,low,close,volume\n";

    @Test
    void readsValidRowsExactly() {
        CsvPriceParser.Parsed p = CsvPriceParser.parse("\uFEFF" + HEADER
                + "2026-01-01,100.5,110,99,105.25,1234.5\r\n"
                + "2026-01-02,105.25,106,100,101,0\r\n");
        assertThat(p.valid()).isTrue();
        assertThat(p.bars()).containsExactly(
                new CsvBar(LocalDate.of(2026, 1, 1), new BigDecimal("100.5"), new BigDecimal("110"),
                        new BigDecimal("99"), new BigDecimal("105.25"), new BigDecimal("1234.5")),
                new CsvBar(LocalDate.of(2026, 1, 2), new BigDecimal("105.25"), new BigDecimal("106"),
                        new BigDecimal("100"), new BigDecimal("101"), new BigDecimal("0")));
    }

    @Test
    void columnsMayComeInAnyOrder() {
        CsvPriceParser.Parsed p = CsvPriceParser.parse("Close,Volume,Date,Open,High,Low\n1.5,10,2026-03-01,1,2,0.5\n");
        assertThat(p.valid()).isTrue();
        assertThat(p.bars().get(0).close()).isEqualByComparingTo("1.5");
        assertThat(p.bars().get(0).low()).isEqualByComparingTo("0.5");
    }

    @Test
    void everyKindOfBadRowIsReportedWithItsLineNumber() {
        String csv = HEADER                                   // line 1
                + "2026-01-01,10,11,9,10,100\n"               // 2 ok
                + "2026-02-30,10,11,9,10,100\n"               // 3 bad date (no 30 February)
                + "2026-01-03,ten,11,9,10,100\n"              // 4 non-numeric
                + "\n"                                        // 5 blank: skipped, still counted as a line
                + "2026-01-04,10,11,9,10,-5\n"                // 6 negative volume
                + "2026-01-05,-10,11,9,10,100\n"              // 7 negative price
                + "2026-01-06,10,9,11,10,100\n"               // 8 high < low
                + "2026-01-01,10,11,9,10,100\n"               // 9 duplicate of line 2
                + "2026-01-07,10,11,9\n"                      // 10 too few columns
                + "2026-01-08,12,11,9,10,100\n"               // 11 open above high
                + "2026-01-09,10,11,9,10,\n"                  // 12 empty volume
                + "01/10/2026,10,11,9,10,100\n";              // 13 not ISO
        CsvPriceParser.Parsed p = CsvPriceParser.parse(csv);

        assertThat(p.valid()).isFalse();
        assertThat(p.errorCount()).isEqualTo(10);
        assertThat(p.errors()).containsExactly(
                new RowError(3, "date", "bad date '2026-02-30': use YYYY-MM-DD"),
                new RowError(4, "open", "open is not a number: 'ten' (use digits and a decimal point, no thousands separators)"),
                new RowError(6, "volume", "volume must not be negative, got -5"),
                new RowError(7, "open", "open must be greater than 0, got -10"),
                new RowError(8, "high", "high 9 is below low 11"),
                new RowError(9, "date", "duplicate date 2026-01-01 (first on line 2)"),
                new RowError(10, null, "expected 6 columns (date,open,high,low,close,volume), got 4"),
                new RowError(11, "open", "open 12 is above high 11"),
                new RowError(12, "volume", "volume is empty"),
                new RowError(13, "date", "bad date '01/10/2026': use YYYY-MM-DD"));
        assertThat(p.bars()).hasSize(1); // only line 2
    }

    @Test
    void aRowWithSeveralProblemsListsEachOfThem() {
        CsvPriceParser.Parsed p = CsvPriceParser.parse(HEADER + "yesterday,x,11,9,y,100\n");
        assertThat(p.errors()).extracting(RowError::column).containsExactly("date", "open", "close");
        assertThat(p.errors()).extracting(RowError::line).containsOnly(2);
    }

    @Test
    void quotedFieldsAndCrLfKeepLineNumbersRight() {
        CsvPriceParser.Parsed p = CsvPriceParser.parse(HEADER + "\"2026-01-01\",\"10\",11,9,10,1\r\n\r\n   \r\n"
                + "2026-01-02,10,11,9,10,abc"); // line 5, no newline at the end
        assertThat(p.errors()).containsExactly(new RowError(5, "volume",
                "volume is not a number: 'abc' (use digits and a decimal point, no thousands separators)"));
    }

    @Test
    void theErrorListIsCappedButEveryErrorIsCounted() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 1500; i++) {
            csv.append("bad,1,1,1,1,1\n");
        }
        CsvPriceParser.Parsed p = CsvPriceParser.parse(csv.toString());
        assertThat(p.errorCount()).isEqualTo(1500);
        assertThat(p.errors()).hasSize(CsvPriceParser.MAX_REPORTED_ERRORS);
        assertThat(p.errors().get(999).line()).isEqualTo(1001);
    }

    @Test
    void fileLevelProblems() {
        assertThatThrownBy(() -> CsvPriceParser.parse(""))
                .isInstanceOf(CsvPriceParser.FileProblem.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> CsvPriceParser.parse(HEADER))
                .isInstanceOf(CsvPriceParser.FileProblem.class).hasMessageContaining("no data rows");
        assertThatThrownBy(() -> CsvPriceParser.parse("2026-01-01,10,11,9,10,100\n"))
                .isInstanceOf(CsvPriceParser.FileProblem.class).hasMessageContaining("must be the header");
        assertThatThrownBy(() -> CsvPriceParser.parse("date,open,high,low,close,volume,adj_close\n"))
                .isInstanceOf(CsvPriceParser.FileProblem.class).hasMessageContaining("must be the header");
        assertThatThrownBy(() -> CsvPriceParser.parse(HEADER + "\"2026-01-01,10,11,9,10,100\n"))
                .isInstanceOf(CsvPriceParser.FileProblem.class).hasMessageContaining("unclosed quote");
        StringBuilder big = new StringBuilder(HEADER);
        for (int i = 0; i <= CsvPriceParser.MAX_ROWS; i++) {
            big.append("2026-01-01,1,1,1,1,1\n");
        }
        assertThatThrownBy(() -> CsvPriceParser.parse(big.toString()))
                .isInstanceOf(CsvPriceParser.FileProblem.class).hasMessageContaining("more than 100000 data rows")
                .matches(e -> ((CsvPriceParser.FileProblem) e).tooLarge);
    }
}
