package com.byomlab.market;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules a page of exchange bars passes before anything is stored; every case that is not stored says why. */
class BarCheckTest {

    static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    static final LocalDate TO = LocalDate.of(2026, 1, 10);

    static Candle day(LocalDate d, String open, String high, String low, String close) {
        Instant t = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        return new Candle(t, t.plusMillis(86_399_999), open, high, low, close, "5");
    }

    @Test
    void soundBarsPassExactlyAsSent() {
        BarCheck.Checked c = BarCheck.check(List.of(day(FROM, "10.123456789", "12", "9", "11")), FROM, TO, null,
                BarCheck.Order.OLDEST_FIRST);
        assertThat(c.issues()).isEmpty();
        assertThat(c.bars()).singleElement().satisfies(b -> assertThat(b.open()).hasToString("10.123456789"));
        assertThat(c.lastSeen()).isEqualTo(FROM);
    }

    @Test
    void timesThatAreNotWholeUtcDaysAreRefused() {
        Instant noon = FROM.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(43_200);
        Candle shifted = new Candle(noon, null, "10", "12", "9", "11", "5");
        Candle shortDay = new Candle(FROM.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                FROM.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600), "10", "12", "9", "11", "5");
        BarCheck.Checked c = BarCheck.check(List.of(shifted, shortDay), FROM, TO, null, BarCheck.Order.OLDEST_FIRST);
        assertThat(c.bars()).isEmpty();
        assertThat(c.issues()).extracting(DataIssue::detail).containsExactly(
                "open time 2026-01-01T12:00:00Z is not the start of a UTC day",
                "close time 2026-01-02T01:00:00Z is not the end of that day");
    }

    @Test
    void anOpenOrCloseOutsideTheDaysRangeOrANumberTooLargeIsRefused() {
        BarCheck.Checked c = BarCheck.check(List.of(day(FROM, "13", "12", "9", "11"), day(FROM.plusDays(1), "10", "12",
                "9", "1e30")), FROM, TO, null, BarCheck.Order.OLDEST_FIRST);
        assertThat(c.bars()).isEmpty();
        assertThat(c.refused()).isEqualTo(2);
        assertThat(c.issues()).extracting(DataIssue::detail).containsExactly("open 13 is outside low 9 to high 12",
                "close is too large: '1e30'");
    }

    @Test
    void aGapAfterTheLastStoredDayIsReportedAndBarsOutsideTheWindowAreIgnored() {
        BarCheck.Checked c = BarCheck.check(List.of(day(FROM.minusDays(1), "10", "12", "9", "11"),
                day(FROM.plusDays(3), "10", "12", "9", "11"), day(TO.plusDays(1), "10", "12", "9", "11")), FROM, TO,
                FROM.minusDays(2), BarCheck.Order.OLDEST_FIRST);
        assertThat(c.bars()).extracting(CsvBar::date).containsExactly(FROM.plusDays(3));
        assertThat(c.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(DataIssue.MISSING);
            assertThat(i.date()).isEqualTo(FROM.minusDays(1));
            assertThat(i.detail()).startsWith("4 day(s) with no bar from the exchange (2025-12-31 to 2026-01-03)");
        });
    }
}
