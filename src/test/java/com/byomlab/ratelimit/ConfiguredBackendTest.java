package com.byomlab.ratelimit;

import com.byomlab.testsupport.ApiIntegrationTest;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buckets in the configured database (H2 here, PostgreSQL under -Ppostgres), as the service keeps them on
 * PostgreSQL and, when told to, on H2: concurrent requests through two independent bucket managers on the one
 * database never overrun a limit, and every bucket row gets an expiry. And where the service keeps them by default:
 * in memory on the embedded H2, in the database on PostgreSQL.
 */
class ConfiguredBackendTest extends ApiIntegrationTest {

    @Autowired
    BucketStore configured;
    @Autowired
    DataSource dataSource;
    @Autowired
    Environment environment;

    ProxyManager<String> rateLimitBuckets;

    @BeforeEach
    void bucketsInTheDatabase() {
        rateLimitBuckets = new RateLimitBackend().rateLimitBucketsInDatabase(dataSource);
    }

    @Test
    void bucketsAreInMemoryOnTheEmbeddedH2AndInTheDatabaseOnPostgres() {
        boolean embeddedH2 = environment.getProperty("spring.datasource.url").startsWith("jdbc:h2:mem:");
        boolean postgres = environment.getProperty("spring.datasource.url").startsWith("jdbc:postgresql:");
        assertThat(embeddedH2 || postgres).as("the test database is one of the two").isTrue();
        assertThat(configured).isInstanceOf(embeddedH2 ? MemoryBuckets.class : BucketStore.InDatabase.class);
    }

    @Test
    void concurrentRequestsOnTwoManagersAdmitExactlyTheCapacity() throws Exception {
        RateLimitProperties twenty = new RateLimitProperties(null, new RateLimitProperties.Window(20, Duration.ofHours(1)),
                null, null, null, Duration.ofMinutes(15));
        RateLimits first = new RateLimits(rateLimitBuckets, twenty, new SimpleMeterRegistry());
        RateLimits second = new RateLimits(new RateLimitBackend().rateLimitBucketsInDatabase(dataSource), twenty,
                new SimpleMeterRegistry());
        UUID user = UUID.randomUUID();
        assertThat(ConcurrentConsumption.admitted(first, second, user, 50, 8)).isEqualTo(20);
        Long expiresAt = jdbc.queryForObject("SELECT expires_at FROM rate_limit_buckets WHERE id = ?", Long.class,
                "validations:20per3600s:" + user);
        assertThat(expiresAt).isGreaterThan(System.currentTimeMillis() + Duration.ofMinutes(59).toMillis());
    }

    @Test
    void theSweeperDeletesExpiredRowsOnly() {
        RateLimits limits = new RateLimits(rateLimitBuckets, new RateLimitProperties(null, null, null, null, null,
                Duration.ofMinutes(15)), new SimpleMeterRegistry());
        UUID expired = UUID.randomUUID();
        UUID current = UUID.randomUUID();
        limits.consume(expired, Limit.CREDENTIAL_READS);
        limits.consume(current, Limit.CREDENTIAL_READS);
        jdbc.update("UPDATE rate_limit_buckets SET expires_at = ? WHERE id = ?", System.currentTimeMillis() - 1000,
                "credential-reads:50per3600s:" + expired);

        try (ExpiredBucketSweeper sweeper = new ExpiredBucketSweeper(rateLimitBuckets, Duration.ofHours(1))) {
            assertThat(sweeper.sweep()).isGreaterThanOrEqualTo(1);
        }

        assertThat(jdbc.queryForList("SELECT id FROM rate_limit_buckets WHERE id LIKE 'credential-reads:%'", String.class))
                .doesNotContain("credential-reads:50per3600s:" + expired)
                .contains("credential-reads:50per3600s:" + current);
    }
}
