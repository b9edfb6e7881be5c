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
 * Where buckets live: always in the service's own database (table {@code rate_limit_buckets}, Flyway V5),
 * so every instance on that database shares them and the limits hold exactly across instances.
 * PostgreSQL: Bucket4j's select-for-update manager. H2: the same algorithm with H2's SQL.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitBackend {

    private static final Logger log = LoggerFactory.getLogger(RateLimitBackend.class);
    private static final String TABLE = "rate_limit_buckets";
    /** A bucket's row expires when the bucket would be full again, plus this grace. */
    private static final Duration KEEP_AFTER_FULL = Duration.ofMinutes(1);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    ProxyManager<String> rateLimitBuckets(DataSource dataSource) {
        String database = databaseProduct(dataSource);
        ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL);
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

    @Bean
    ExpiredBucketSweeper expiredBucketSweeper(ProxyManager<String> rateLimitBuckets, RateLimitProperties properties) {
        return new ExpiredBucketSweeper(rateLimitBuckets, properties.cleanupInterval());
    }

    private static String databaseProduct(DataSource dataSource) {
        try {
            return JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Rate limits: cannot tell which database the service uses", e);
        }
    }
}
