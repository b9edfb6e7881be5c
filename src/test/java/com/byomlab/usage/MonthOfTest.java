package com.byomlab.usage;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The calendar month (UTC) of an instant, as its first day, at the edges of days, months and the epoch too. */
class MonthOfTest {

    @Test
    void theMonthInUtcThatHoldsTheInstant() {
        assertThat(UsageRepository.monthOf(Instant.parse("2026-12-31T23:59:59.999999999Z"))).hasToString("2026-12-01");
        assertThat(UsageRepository.monthOf(Instant.parse("2027-01-01T00:00:00Z"))).hasToString("2027-01-01");
        assertThat(UsageRepository.monthOf(Instant.parse("2028-02-29T12:00:00Z"))).hasToString("2028-02-01");
        assertThat(UsageRepository.monthOf(Instant.parse("1969-12-31T23:59:59.5Z"))).hasToString("1969-12-01");
        Random random = new Random(27);
        for (int i = 0; i < 10_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 5_000_000_000L), random.nextInt(1_000_000_000));
            assertThat(UsageRepository.monthOf(at)).isEqualTo(at.atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1));
        }
    }
}
