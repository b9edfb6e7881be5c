package com.byomlab.usage;

import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a monthly cap is checked against: the known cost of the user's calls in the month, read from a checkpoint
 * plus the calls after it. Always the month's sum of recorded costs, however the calls and checks interleave.
 */
class MonthlySpendTest extends ApiIntegrationTest {

    private static final TokenCounts THOUSAND_IN = new TokenCounts(1_000, 0, 0, 0, true);
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final LocalDate NOVEMBER = LocalDate.parse("2026-11-01");

    @Autowired
    UsageRepository usage;
    @Autowired
    UsageMeter meter;
    @Autowired
    UsageWrites writes;

    @Test
    void theFirstCheckSumsTheMonthAndLeavesACheckpointTheNextChecksStartFrom() {
        UUID user = UUID.randomUUID();
        record(user, "0.25", NOW.minusSeconds(86_400 * 10));
        record(user, "0.25", NOW.minusSeconds(3_600));
        record(user, "0.10", NOW.minusSeconds(30)); // within the last minute: after the checkpoint
        record(user, null, NOW.minusSeconds(600));   // unknown cost: in no total

        assertThat(usage.spentInMonth(user, NOW)).isEqualByComparingTo("0.60");
        assertThat(checkpointOf(user)).as("covers everything up to a minute ago")
                .isEqualTo(new Checkpoint(NOW.minus(UsageRepository.SETTLED_AFTER), "0.5"));

        // A row behind the checkpoint is no longer summed: the checks read the checkpoint, not the month.
        jdbc.update("UPDATE llm_usage SET cost_usd = 100 WHERE user_id = ? AND occurred_at < ?", user,
                NOW.minusSeconds(7_200).atOffset(ZoneOffset.UTC));
        record(user, "0.05", NOW.plusSeconds(10));
        assertThat(usage.spentInMonth(user, NOW.plusSeconds(20))).isEqualByComparingTo("0.65");
    }

    @Test
    void theCheckpointMovesAtMostOnceAMinuteAndKeepsEveryCall() {
        UUID user = UUID.randomUUID();
        record(user, "1", NOW.minusSeconds(3_600));
        usage.spentInMonth(user, NOW);
        record(user, "0.5", NOW.plusSeconds(5));
        assertThat(usage.spentInMonth(user, NOW.plusSeconds(40))).isEqualByComparingTo("1.5");
        assertThat(checkpointOf(user).countedBefore()).as("40 s later: not moved")
                .isEqualTo(NOW.minus(UsageRepository.SETTLED_AFTER));

        // A call whose row commits late, with a time from before the last check: the checkpoint had not covered it.
        record(user, "0.25", NOW.minusSeconds(20));
        assertThat(usage.spentInMonth(user, NOW.plusSeconds(130))).isEqualByComparingTo("1.75");
        assertThat(checkpointOf(user)).as("two minutes later: moved, with both calls behind it")
                .isEqualTo(new Checkpoint(NOW.plusSeconds(70), "1.75"));
        assertThat(usage.spentInMonth(user, NOW.plusSeconds(140))).isEqualByComparingTo("1.75");
    }

    @Test
    void eachMonthHasItsOwnTotal() {
        UUID user = UUID.randomUUID();
        Instant lastOfNovember = Instant.parse("2026-11-30T23:59:59.999Z");
        Instant firstOfDecember = Instant.parse("2026-12-01T00:00:00Z");
        record(user, "0.30", lastOfNovember);
        record(user, "0.02", firstOfDecember);
        assertThat(usage.spentInMonth(user, lastOfNovember)).isEqualByComparingTo("0.30");
        assertThat(usage.spentInMonth(user, firstOfDecember.plusSeconds(86_400 * 10))).isEqualByComparingTo("0.02");
        assertThat(usage.spentInMonth(user, Instant.parse("2027-01-15T00:00:00Z"))).isEqualByComparingTo("0");
        // November's first check came before its last call settled: December's checks did not touch it.
        assertThat(usage.spentInMonth(user, Instant.parse("2026-11-30T23:59:30Z"))).isEqualByComparingTo("0.30");
    }

    @Test
    void checksRacingCallsAndEachOtherCountEveryCall() throws Exception {
        UUID user = UUID.randomUUID();
        record(user, "1", Instant.now().minusSeconds(600)); // so that the first checks all write a checkpoint
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<BigDecimal>> checks = new ArrayList<>();
            List<Future<Cost>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(pool.submit((Callable<Cost>) () -> meter.record(call(user, LlmCallRecord.newCallId()))));
                // what a cap checks: the stored calls and those recorded but not stored yet (UsageWrites)
                checks.add(pool.submit(() -> writes.spentInMonth(user, Instant.now())));
            }
            for (Future<Cost> c : calls) {
                assertThat(c.get().usd()).isEqualByComparingTo("0.001"); // gpt-4o-mini at the test prices
            }
            for (Future<BigDecimal> c : checks) {
                assertThat(c.get()).isBetween(new BigDecimal("1"), new BigDecimal("1.2"));
            }
        } finally {
            pool.shutdown();
        }
        assertThat(writes.spentInMonth(user, Instant.now())).isEqualByComparingTo("1.2");
        writes.flush();
        assertThat(usage.spentInMonth(user, Instant.now())).isEqualByComparingTo("1.2");
        // and once the calls are behind the checkpoint
        Instant later = Instant.now().plus(UsageRepository.SETTLED_AFTER.multipliedBy(2));
        assertThat(usage.spentInMonth(user, later)).isEqualByComparingTo("1.2");
        assertThat(usage.spentInMonth(user, later.plusSeconds(1))).isEqualByComparingTo("1.2");
    }

    private void record(UUID user, String costUsd, Instant at) {
        assertThat(usage.insert(call(user, LlmCallRecord.newCallId()),
                costUsd == null ? Cost.unknown("no price") : Cost.of(new BigDecimal(costUsd)), at)).isTrue();
    }

    record Checkpoint(Instant countedBefore, String costUsd) {
    }

    private Checkpoint checkpointOf(UUID user) {
        return jdbc.queryForObject(
                "SELECT counted_before, cost_usd FROM monthly_spend_checkpoints WHERE user_id = ? AND month_start = ?",
                (rs, n) -> new Checkpoint(rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getBigDecimal(2).stripTrailingZeros().toPlainString()),
                user, NOVEMBER);
    }

    private static LlmCallRecord call(UUID user, UUID callId) {
        return new LlmCallRecord(callId, user, null, null, "gateway", Provider.OPENAI, "gpt-4o-mini", "ok", 1,
                THOUSAND_IN, 5);
    }
}
