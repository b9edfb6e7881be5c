package com.byomlab.ratelimit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Buckets in memory (the embedded H2's store): exact under concurrent requests, bounded in number whatever subjects
 * requests name, and forgotten once full again; and which database gets which store.
 */
class MemoryBucketsTest {

    private static final RateLimitProperties TWENTY = new RateLimitProperties(null,
            new RateLimitProperties.Window(20, Duration.ofHours(1)), null, null, null, Duration.ofMinutes(15));

    @Test
    void concurrentRequestsAdmitExactlyTheCapacity() throws Exception {
        RateLimits limits = new RateLimits(new MemoryBuckets(1_000), TWENTY, new SimpleMeterRegistry());
        assertThat(ConcurrentConsumption.admitted(limits, limits, UUID.randomUUID(), 50, 8)).isEqualTo(20);
    }

    @Test
    void everEndingNewSubjectsDoNotGrowTheBucketsPastTheirBound() {
        MemoryBuckets buckets = new MemoryBuckets(100);
        RateLimits limits = new RateLimits(buckets, TWENTY, new SimpleMeterRegistry());
        for (int i = 0; i < 5_000; i++) {
            limits.startLogin("made-up-" + i + "@example.com", "10.0.0." + (i % 250));
        }
        assertThat(buckets.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void aBucketIsKeptUntilItWouldBeFullAgainPlusAMinute() {
        MemoryBuckets buckets = new MemoryBuckets(1_000);
        UUID user = UUID.randomUUID();
        new RateLimits(buckets, TWENTY, new SimpleMeterRegistry()).consume(user, Limit.VALIDATIONS);
        assertThat(buckets.keptFor("validations:20per3600s:" + user))
                .isBetween(Duration.ofMinutes(60), Duration.ofMinutes(61).plusSeconds(1));
    }

    @Test
    void aLimitRefusesPastItsCapacityAndForgettingGivesTheBucketBack() {
        MemoryBuckets buckets = new MemoryBuckets(1_000);
        RateLimits limits = new RateLimits(buckets, TWENTY, new SimpleMeterRegistry());
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            limits.consume(user, Limit.VALIDATIONS);
        }
        assertThatThrownBy(() -> limits.consume(user, Limit.VALIDATIONS)).isInstanceOf(RateLimitExceeded.class);
        buckets.forget("validations:");
        limits.consume(user, Limit.VALIDATIONS);
    }

    @Test
    void theEmbeddedH2KeepsThemInMemoryAndEveryOtherDatabaseInItself() {
        var auto = BucketStoreProperties.Store.AUTO;
        assertThat(RateLimitBackend.inMemory(auto, "H2", "jdbc:h2:file:./data/byom;MODE=PostgreSQL")).isTrue();
        assertThat(RateLimitBackend.inMemory(auto, "H2", "jdbc:h2:mem:byom")).isTrue();
        assertThat(RateLimitBackend.inMemory(auto, "H2", "jdbc:h2:tcp://db:9092/byom")).as("an H2 server").isFalse();
        assertThat(RateLimitBackend.inMemory(auto, "PostgreSQL", "jdbc:postgresql://db/byom")).isFalse();
        assertThat(RateLimitBackend.inMemory(BucketStoreProperties.Store.DATABASE, "H2", "jdbc:h2:mem:byom")).isFalse();
        assertThat(RateLimitBackend.inMemory(BucketStoreProperties.Store.MEMORY, "PostgreSQL", "jdbc:postgresql://db/x"))
                .isTrue();
    }
}
