package com.byomlab.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * The rows every LLM call reads before it calls a provider (access token, credential, fallback order, budget, the
 * account's existence), kept in this instance's memory when the database is the embedded H2 (one instance by design,
 * as the rate-limit buckets) and read from the database every time otherwise: on PostgreSQL several instances share
 * the rows, and a row kept by one would let a token revoked through another keep working. {@code
 * byom.database.read-cache} chooses otherwise ({@link ReadCacheBackend}). On only when every connection of the pool
 * is {@link WatchedConnection watched}: then any statement that may change one of these tables, in any package,
 * cascades included, makes every kept row be read again at its next use, so a revocation, deletion or change
 * counts on the very next call.
 */
@Component
public class RowCache {

    private static final Logger log = LoggerFactory.getLogger(RowCache.class);

    private final boolean on;

    RowCache(DataSource dataSource) {
        this.on = watched(dataSource);
        if (on) {
            log.info("Read cache: access tokens, credentials (as stored, encrypted), fallback orders, budgets and "
                    + "accounts kept in memory for this instance alone; any write to their tables drops them all");
        }
    }

    public boolean on() {
        return on;
    }

    /** Rows of one kind, at most {@code max} of them kept. */
    public <K, V> CachedRows<K, V> rows(int max) {
        return new CachedRows<>(on, max);
    }

    private static boolean watched(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(WatchedDataSource.class);
        } catch (SQLException e) {
            return false;
        }
    }
}
