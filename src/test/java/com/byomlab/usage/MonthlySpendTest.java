package com.byomlab.usage;

import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Instant;
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
 * The month's running total that monthly caps read: always the sum of the month's recorded calls, whether the
 * calls come one at a time, many at once, twice, or were recorded before the total existed.
 */
class MonthlySpendTest extends ApiIntegrationTest {

    // gpt-4o-mini at the test prices: 1,000 input tokens = $0.001
    private static final TokenCounts THOUSAND_IN = new TokenCounts(1_000, 0, 0, 0, true);

    @Autowired
    UsageRepository usage;
    @Autowired
    UsageMeter meter;
    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentCallsOfOneUserAllLandInTheTotal() throws Exception {
        UUID user = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Cost>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(pool.submit((Callable<Cost>) () -> meter.record(call(user, LlmCallRecord.newCallId()))));
            }
            for (Future<Cost> c : calls) {
                assertThat(c.get().usd()).isEqualByComparingTo("0.001");
            }
        } finally {
            pool.shutdown();
        }
        assertThat(usage.spentInMonth(user, Instant.now())).isEqualByComparingTo("0.2").isEqualByComparingTo(sum(user));
    }

    @Test
    void callsRecordedBeforeTheTotalExistedCountOnce() {
        UUID user = UUID.randomUUID();
        // rows as an older version wrote them: no running total beside them
        for (int i = 0; i < 3; i++) {
            jdbc.sql("""
                    INSERT INTO llm_usage (call_id, occurred_at, user_id, purpose, provider, model, outcome, attempts,
                        usage_reported, cost_usd)
                    VALUES (?, ?, ?, 'gateway', 'openai', 'gpt-4o-mini', 'ok', 1, TRUE, 0.25)""")
                    .params(UUID.randomUUID(), Instant.now().atOffset(ZoneOffset.UTC), user).update();
        }
        meter.record(call(user, LlmCallRecord.newCallId())); // starts the month from the rows, itself included
        assertThat(usage.spentInMonth(user, Instant.now())).isEqualByComparingTo("0.751");

        UUID other = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO llm_usage (call_id, occurred_at, user_id, purpose, provider, model, outcome, attempts,
                    usage_reported, cost_usd)
                VALUES (?, ?, ?, 'gateway', 'openai', 'gpt-4o-mini', 'ok', 1, TRUE, 0.5)""")
                .params(UUID.randomUUID(), Instant.now().atOffset(ZoneOffset.UTC), other).update();
        assertThat(usage.spentInMonth(other, Instant.now())).as("the first check starts the month").isEqualByComparingTo("0.5");
        meter.record(call(other, LlmCallRecord.newCallId()));
        assertThat(usage.spentInMonth(other, Instant.now())).isEqualByComparingTo("0.501");
    }

    @Test
    void aCallRecordedTwiceIsAddedOnce() {
        UUID user = UUID.randomUUID();
        UUID callId = LlmCallRecord.newCallId();
        meter.record(call(user, callId));
        meter.record(call(user, callId));
        assertThat(usage.spentInMonth(user, Instant.now())).isEqualByComparingTo("0.001");
    }

    @Test
    void eachMonthHasItsOwnTotal() {
        UUID user = UUID.randomUUID();
        Instant lastDayOfNovember = Instant.parse("2026-11-30T23:59:59.999Z");
        Instant firstOfDecember = Instant.parse("2026-12-01T00:00:00Z");
        usage.insert(call(user, LlmCallRecord.newCallId()), new BigDecimal("0.30"), lastDayOfNovember);
        usage.insert(call(user, LlmCallRecord.newCallId()), new BigDecimal("0.02"), firstOfDecember);
        usage.insert(call(user, LlmCallRecord.newCallId()), null, firstOfDecember); // unknown cost: not in any total
        assertThat(usage.spentInMonth(user, lastDayOfNovember)).isEqualByComparingTo("0.30");
        assertThat(usage.spentInMonth(user, firstOfDecember.plusSeconds(86_400 * 10))).isEqualByComparingTo("0.02");
        assertThat(usage.spentInMonth(user, Instant.parse("2027-01-15T00:00:00Z"))).isEqualByComparingTo("0");
    }

    private static LlmCallRecord call(UUID user, UUID callId) {
        return new LlmCallRecord(callId, user, null, null, "gateway", Provider.OPENAI, "gpt-4o-mini", "ok", 1,
                THOUSAND_IN, 5);
    }

    private BigDecimal sum(UUID user) {
        return jdbc.sql("SELECT SUM(cost_usd) FROM llm_usage WHERE user_id = ?").param(user)
                .query(BigDecimal.class).single();
    }
}
