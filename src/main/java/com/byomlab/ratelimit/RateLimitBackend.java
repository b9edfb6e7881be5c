package com.byomlab.ratelimit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

import javax.sql.DataSource;
import java.sql.DatabaseMetaData;
import java.time.Duration;

/**
 * Where buckets live. On PostgreSQL, in the database (table {@code rate_limit_buckets}, Flyway V5), so every instance
 * on it shares them and the limits hold exactly across instances: Bucket4j's select-for-update manager. On the
 * embedded H2 database, which one instance uses by design, in memory ({@link MemoryBuckets}: Bucket4j's local
 * buckets, at most {@code byom.rate-limits.buckets.max-in-memory}): a bucket's row lock and update were a large part
 * of a gateway call's database work there (docs/benchmarks.md). A restart gives every bucket back in full.
 * {@code byom.rate-limits.buckets.store} chooses otherwise: H2 in the database (the same algorithm in H2's SQL) for
 * several instances on an H2 server, or memory on PostgreSQL for a single instance.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitBackend {

    private static final Logger log = LoggerFactory.getLogger(RateLimitBackend.class);
    private static final String TABLE = "rate_limit_buckets";
    /** A bucket's row (or entry in memory) expires when the bucket would be full again, plus this grace. */
    private static final Duration KEEP_AFTER_FULL = Duration.ofMinutes(1);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    BucketStore rateLimitBuckets(DataSource dataSource, BucketStoreProperties settings) {
        String database = databaseProduct(dataSource);
        if (inMemory(settings.store(), database, databaseUrl(dataSource))) {
            log.info("Rate limits: buckets in memory (at most {}), for this instance alone; the {} database holds "
                    + "none", settings.maxInMemory(), database);
            return new MemoryBuckets(settings.maxInMemory());
        }
        return BucketStore.inDatabase(rateLimitBucketsInDatabase(dataSource));
    }

    /** The buckets in the database, whatever {@code byom.rate-limits.buckets.store} says (also for tests). */
    ProxyManager<String> rateLimitBucketsInDatabase(DataSource dataSource) {
        return inDatabase(dataSource, databaseProduct(dataSource),
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL));
    }

    /** {@code auto}: memory on an embedded H2 (in this JVM: a file or in-memory database, not an H2 server). */
    static boolean inMemory(BucketStoreProperties.Store store, String database, String url) {
        return switch (store) {
            case MEMORY -> true;
            case DATABASE -> false;
            case AUTO -> "H2".equals(database) && url != null && !url.startsWith("jdbc:h2:tcp:")
                    && !url.startsWith("jdbc:h2:ssl:");
        };
    }

    private static ProxyManager<String> inDatabase(DataSource dataSource, String database,
                                                   ExpirationAfterWriteStrategy expiry) {
        ProxyManager<String> buckets = switch (database) {
            case "PostgreSQL" -> Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table(TABLE).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                    .expirationAfterWrite(expiry)
                    .requestTimeout(QUERY_TIMEOUT)
                    .build();
            // no request timeout on H2: see H2SelectForUpdateProxyManager for why and what bounds the wait
            case "H2" -> new H2SelectForUpdateProxyManager(dataSource, ClientSideConfig.getDefault()
                    .withExpirationAfterWriteStrategy(expiry));
            default -> throw new IllegalStateException("Rate limits need PostgreSQL or H2, but the database is "
                    + database + ". Point spring.datasource.url at PostgreSQL (or H2).");
        };
        log.info("Rate limits: buckets in the {} database, table {} (select for update): exact across every "
                + "instance sharing that database", database, TABLE);
        return buckets;
    }

    /**
     * Sweeps expired rows of the bucket table, also when the buckets are in memory (they expire there by themselves):
     * rows left from before, when they were kept in the database, go too.
     */
    @Bean
    ExpiredBucketSweeper expiredBucketSweeper(BucketStore rateLimitBuckets, DataSource dataSource,
                                              RateLimitProperties properties) {
        return new ExpiredBucketSweeper(rateLimitBuckets instanceof BucketStore.InDatabase rows ? rows.rows()
                : rateLimitBucketsInDatabase(dataSource), properties.cleanupInterval());
    }

    private static String databaseUrl(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Rate limits: cannot tell which database the service uses", e);
        }
    }

    private static String databaseProduct(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Rate limits: cannot tell which database the service uses", e);
        }
    }
}
