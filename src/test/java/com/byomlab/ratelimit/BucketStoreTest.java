package com.byomlab.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The limiter on its own, on a private H2 database built by the real V5 migration, with a clock the
 * test moves: interval refill, all-or-none over several limits, the login refund, row expiry, and
 * exactness under concurrency from two "instances" (two managers over one database).
 */
class BucketStoreTest {

    private final ManualClock clock = new ManualClock();
    private JdbcDataSource dataSource;
    private H2SelectForUpdateProxyManager buckets;

    @BeforeEach
    void freshDatabase() throws Exception {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:ratelimit-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        try (Connection c = dataSource.getConnection()) {
            ScriptUtils.executeSqlScript(c, new ClassPathResource("db/migration/V5__rate_limit_buckets.sql"));
        }
        buckets = manager();
    }

    @Test
    void theWholeCapacityComesBackOnlyWhenThePeriodEnds() {
        RateLimits limits = limits(new RateLimitProperties.Window(3, Duration.ofHours(1)));
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            limits.consume(user, Limit.VALIDATIONS);
        }
        assertThatThrownBy(() -> limits.consume(user, Limit.VALIDATIONS))
                .isInstanceOfSatisfying(RateLimitExceeded.class, e -> {
                    assertThat(e.limit()).isEqualTo(Limit.VALIDATIONS);
                    assertThat(e.retryAfterSeconds()).isEqualTo(3600);
                    assertThat(e.getMessage()).contains("live key checks", "3 per hour", "Retry in 60 minutes");
                });

        clock.advance(Duration.ofMinutes(59));
        assertThatThrownBy(() -> limits.consume(user, Limit.VALIDATIONS)) // no trickle: interval refill
                .isInstanceOfSatisfying(RateLimitExceeded.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(60));

        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            limits.consume(user, Limit.VALIDATIONS);
        }
        assertThatThrownBy(() -> limits.consume(user, Limit.VALIDATIONS)).isInstanceOf(RateLimitExceeded.class);
    }

    @Test
    void aRequestUnderTwoLimitsTakesFromBothOrFromNeither() {
        RateLimits limits = limits(new RateLimitProperties.Window(1, Duration.ofHours(1)));
        UUID user = UUID.randomUUID();
        limits.consume(user, Limit.CREDENTIAL_WRITES, Limit.VALIDATIONS); // 1 of 10 writes, 1 of 1 validations
        assertThatThrownBy(() -> limits.consume(user, Limit.CREDENTIAL_WRITES, Limit.VALIDATIONS))
                .isInstanceOfSatisfying(RateLimitExceeded.class, e -> assertThat(e.limit()).isEqualTo(Limit.VALIDATIONS));
        // the refused request gave its write back: 9 writes are left
        for (int i = 0; i < 9; i++) {
            limits.consume(user, Limit.CREDENTIAL_WRITES);
        }
        assertThatThrownBy(() -> limits.consume(user, Limit.CREDENTIAL_WRITES))
                .isInstanceOfSatisfying(RateLimitExceeded.class, e -> assertThat(e.limit()).isEqualTo(Limit.CREDENTIAL_WRITES));
    }

    @Test
    void limitsArePerUser() {
        RateLimits limits = limits(new RateLimitProperties.Window(1, Duration.ofHours(1)));
        UUID alice = UUID.randomUUID();
        limits.consume(alice, Limit.VALIDATIONS);
        assertThatThrownBy(() -> limits.consume(alice, Limit.VALIDATIONS)).isInstanceOf(RateLimitExceeded.class);
        limits.consume(UUID.randomUUID(), Limit.VALIDATIONS);
    }

    @Test
    void aResizedLimitStartsFreshBuckets() {
        UUID user = UUID.randomUUID();
        RateLimits before = limits(new RateLimitProperties.Window(1, Duration.ofHours(1)));
        before.consume(user, Limit.VALIDATIONS);
        assertThatThrownBy(() -> before.consume(user, Limit.VALIDATIONS)).isInstanceOf(RateLimitExceeded.class);

        RateLimits after = limits(new RateLimitProperties.Window(2, Duration.ofHours(1)));
        after.consume(user, Limit.VALIDATIONS);
        after.consume(user, Limit.VALIDATIONS);
        assertThatThrownBy(() -> after.consume(user, Limit.VALIDATIONS))
                .isInstanceOfSatisfying(RateLimitExceeded.class, e -> assertThat(e.getMessage()).contains("2 per hour"));
    }

    @Test
    void onlyFailedLoginsCount() {
        RateLimits limits = limits(null);
        for (int i = 0; i < 25; i++) {
            limits.startLogin("Someone@Example.com", "10.0.0.1").succeeded();
        }
        for (int i = 0; i < 10; i++) {
            limits.startLogin("someone@example.com ", "10.0.0.1"); // failed: never settled
        }
        assertThatThrownBy(() -> limits.startLogin("SOMEONE@example.com", "10.0.0.2"))
                .isInstanceOfSatisfying(RateLimitExceeded.class, e -> {
                    assertThat(e.limit()).isEqualTo(Limit.LOGIN_PER_ACCOUNT);
                    assertThat(e.retryAfterSeconds()).isEqualTo(15 * 60);
                });
        limits.startLogin("other@example.com", "10.0.0.1").succeeded(); // the address has 40 failures left
        // no email in the table, only hashes
        assertThat(new JdbcTemplate(dataSource).queryForList("SELECT id FROM rate_limit_buckets", String.class))
                .noneMatch(id -> id.contains("example.com") || id.contains("10.0.0"));
    }

    @Test
    void aRowExpiresWhenItsBucketWouldBeFullAgainAndIsThenSwept() {
        RateLimits limits = limits(null);
        UUID user = UUID.randomUUID();
        long before = System.currentTimeMillis();
        limits.consume(user, Limit.CREDENTIAL_READS);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        long expiresAt = jdbc.queryForObject("SELECT expires_at FROM rate_limit_buckets WHERE id = ?", Long.class,
                "credential-reads:50per3600s:" + user);
        // full again after the hour, kept one more minute
        assertThat(expiresAt).isBetween(before + Duration.ofMinutes(61).toMillis(),
                System.currentTimeMillis() + Duration.ofMinutes(61).toMillis());

        ExpiredBucketSweeper sweeper = new ExpiredBucketSweeper(buckets, Duration.ofHours(1));
        try {
            assertThat(sweeper.sweep()).isZero();
            jdbc.update("UPDATE rate_limit_buckets SET expires_at = ?", System.currentTimeMillis() - 1);
            assertThat(sweeper.sweep()).isEqualTo(1);
        } finally {
            sweeper.close();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rate_limit_buckets", Integer.class)).isZero();
    }

    @Test
    void twoInstancesHammeringOneBucketAdmitExactlyItsCapacity() throws Exception {
        RateLimitProperties.Window twenty = new RateLimitProperties.Window(20, Duration.ofHours(1));
        RateLimits first = limits(twenty);
        RateLimits second = new RateLimits(manager(), properties(twenty), new SimpleMeterRegistry());
        UUID user = UUID.randomUUID();
        assertThat(ConcurrentConsumption.admitted(first, second, user, 60, 16)).isEqualTo(20);
    }

    @Test
    void bucketStatementsSetNoQueryTimeoutBecauseOnH2ThatEmptiesEveryConnectionsStatementCache() throws Exception {
        // H2 runs setQueryTimeout as a SET command, and any SET throws away every parsed statement of every
        // connection: with a timeout per bucket statement, each request re-parsed all of its SQL
        AtomicLong timeoutsSet = new AtomicLong();
        DataSource counting = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(dataSource, args);
                    return method.getName().equals("getConnection") ? countingTimeouts((Connection) result, timeoutsSet)
                            : result;
                });
        H2SelectForUpdateProxyManager store = manager(counting,
                ClientSideConfig.getDefault().withRequestTimeout(Duration.ofSeconds(5))); // even when Bucket4j is given one
        RateLimits limits = new RateLimits(store, properties(new RateLimitProperties.Window(2, Duration.ofHours(1))),
                new SimpleMeterRegistry());
        UUID user = UUID.randomUUID();

        limits.consume(user, Limit.VALIDATIONS); // inserts the row, locks it, writes it
        limits.consume(user, Limit.VALIDATIONS); // locks and writes the existing row
        assertThatThrownBy(() -> limits.consume(user, Limit.VALIDATIONS)).isInstanceOf(RateLimitExceeded.class);

        assertThat(timeoutsSet).hasValue(0);
    }

    private static Connection countingTimeouts(Connection connection, AtomicLong timeoutsSet) {
        return (Connection) Proxy.newProxyInstance(BucketStoreTest.class.getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(method, connection, args);
                    if (result instanceof PreparedStatement statement) {
                        return Proxy.newProxyInstance(BucketStoreTest.class.getClassLoader(),
                                new Class<?>[]{PreparedStatement.class}, (p, m, a) -> {
                                    if (m.getName().equals("setQueryTimeout")) {
                                        timeoutsSet.incrementAndGet();
                                    }
                                    return invoke(m, statement, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause(); // an SQLException stays an SQLException (a duplicate insert is expected)
        }
    }

    private H2SelectForUpdateProxyManager manager() {
        return manager(dataSource, ClientSideConfig.getDefault());
    }

    /** A store on {@code source} with the test's clock and the service's row expiry. */
    private H2SelectForUpdateProxyManager manager(DataSource source, ClientSideConfig config) {
        return new H2SelectForUpdateProxyManager(source, config.withClientClock(clock)
                .withExpirationAfterWriteStrategy(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofMinutes(1))));
    }

    private RateLimits limits(RateLimitProperties.Window validations) {
        return new RateLimits(buckets, properties(validations), new SimpleMeterRegistry());
    }

    private static RateLimitProperties properties(RateLimitProperties.Window validations) {
        return new RateLimitProperties(null, validations, null, null, null, Duration.ofMinutes(15));
    }

    /** Bucket4j's clock, moved by the test. */
    static final class ManualClock implements TimeMeter {
        private final AtomicLong nanos = new AtomicLong(Duration.ofDays(1).toNanos());

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }

        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
