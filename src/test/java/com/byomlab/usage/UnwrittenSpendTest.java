package com.byomlab.usage;

import com.byomlab.database.WriteBehindProperties;
import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call's usage row is stored behind the call (docs/operations.md), yet a monthly cap counts it from the moment
 * the call is recorded, and counts it once when it is stored. Here the rows wait until flushed, so the checks below
 * see them while they are pending.
 */
class UnwrittenSpendTest extends ApiIntegrationTest {

    @Autowired
    JdbcTemplate serviceJdbc;
    @Autowired
    UsageRepository usage;
    @Autowired
    PlatformTransactionManager transactions;

    UsageWrites writes;

    @BeforeEach
    void rowsThatWaitUntilFlushed() {
        writes = new UsageWrites(usage, transactions, new WriteBehindProperties(Duration.ofSeconds(1), 100));
        writes.holdUntilFlushed();
    }

    @AfterEach
    void stop() {
        writes.stop();
    }

    @Test
    void aCallNotYetStoredCountsTowardsTheMonthOnceAndOnlyOnce() {
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        assertThat(writes.write(row(user, "0.25", now.minusSeconds(5)))).isTrue();
        assertThat(writes.write(row(user, "0.50", now.minusSeconds(1)))).isTrue();
        assertThat(writes.write(row(user, null, now))).as("unknown cost: in no total").isTrue();

        assertThat(stored(user)).as("nothing stored yet").isZero();
        assertThat(writes.spentInMonth(user, now)).isEqualByComparingTo("0.75");

        writes.flush();

        assertThat(stored(user)).isEqualTo(3);
        assertThat(writes.spentInMonth(user, now)).as("stored now, not counted twice").isEqualByComparingTo("0.75");
        assertThat(writes.spentInMonth(UUID.randomUUID(), now)).isEqualByComparingTo("0");
    }

    @Test
    void aRowStoredTwiceIsCountedOnce() {
        UUID user = UUID.randomUUID();
        Instant now = Instant.now();
        UsageWrites.Row row = row(user, "0.40", now);
        writes.write(row);
        writes.write(row(user, "0.10", now));
        writes.write(row); // a takeover or a retry recording the same call id again, in the same batch
        writes.write(row(user, null, now));
        writes.flush();
        assertThat(stored(user)).as("the batch's other rows stored all the same").isEqualTo(3);
        assertThat(writes.spentInMonth(user, now)).isEqualByComparingTo("0.50");
    }

    private int stored(UUID user) {
        return serviceJdbc.queryForObject("SELECT COUNT(*) FROM llm_usage WHERE user_id = ?", Integer.class, user);
    }

    private static UsageWrites.Row row(UUID user, String costUsd, Instant at) {
        return new UsageWrites.Row(new LlmCallRecord(LlmCallRecord.newCallId(), user, null, null, "gateway",
                Provider.OPENAI, "gpt-4o-mini", "ok", 1, new TokenCounts(1_000, 0, 0, 0, true), 5),
                costUsd == null ? Cost.unknown("no price") : Cost.of(new BigDecimal(costUsd)), at);
    }
}
