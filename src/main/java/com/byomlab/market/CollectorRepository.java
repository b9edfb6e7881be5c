package com.byomlab.market;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The collector's state: the lease, per-coin progress, data issues and runs (tables of V30). */
@Repository
class CollectorRepository {

    static final String LEASE = "collector";

    record Lease(String owner, Instant expiresAt) {
    }

    record Progress(String source, String symbol, String pair, LocalDate nextDate, long barsStored, long barsRefused,
                    long barsRepaired, Instant lastAttemptAt, Instant lastSuccessAt, String lastError,
                    Instant lastErrorAt) {
    }

    record Issue(String source, String symbol, LocalDate date, String kind, String detail, Instant seenAt) {
    }

    record Run(UUID id, String source, String instance, Instant startedAt, Instant finishedAt, String outcome,
               int requests, int barsStored, int barsRefused, String message) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    CollectorRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Takes the lease if it is free, expired or already ours. Two instances racing: the row lock lets one win. */
    boolean acquireLease(String owner, Instant now, Instant until) {
        return jdbc.sql("UPDATE market_collector_lease SET owner = ?, expires_at = ? WHERE name = ? "
                        + "AND (owner IS NULL OR owner = ? OR expires_at IS NULL OR expires_at < ?)")
                .params(owner, utc(until), LEASE, owner, utc(now)).update() == 1;
    }

    /**
     * Extends the lease only while it is still ours. Called inside each page's transaction: the row stays locked
     * until the commit, so no other instance can take the lease between this check and the bars being stored.
     */
    boolean renewLease(String owner, Instant until) {
        return jdbc.sql("UPDATE market_collector_lease SET expires_at = ? WHERE name = ? AND owner = ?")
                .params(utc(until), LEASE, owner).update() == 1;
    }

    void releaseLease(String owner) {
        jdbc.sql("UPDATE market_collector_lease SET owner = NULL, expires_at = NULL WHERE name = ? AND owner = ?")
                .params(LEASE, owner).update();
    }

    Optional<Lease> lease() {
        return jdbc.sql("SELECT owner, expires_at FROM market_collector_lease WHERE name = ? AND owner IS NOT NULL")
                .param(LEASE).query((rs, row) -> new Lease(rs.getString("owner"), instant(rs, "expires_at")))
                .optional();
    }

    Optional<Progress> progress(String source, String symbol) {
        return jdbc.sql("SELECT * FROM market_collection WHERE source = ? AND symbol = ?").params(source, symbol)
                .query(CollectorRepository::mapProgress).optional();
    }

    List<Progress> progress() {
        return jdbc.sql("SELECT * FROM market_collection ORDER BY source, symbol").query(CollectorRepository::mapProgress)
                .list();
    }

    /** Stores how far a coin got (and adds to its counts); run in the page's transaction. */
    void saveProgress(String source, String symbol, String pair, LocalDate nextDate, int stored, int refused,
                      int repaired, Instant now) {
        int updated = jdbc.sql("""
                UPDATE market_collection SET pair = ?, next_date = ?, bars_stored = bars_stored + ?,
                       bars_refused = bars_refused + ?, bars_repaired = bars_repaired + ?, last_attempt_at = ?
                WHERE source = ? AND symbol = ?""")
                .params(pair, nextDate, stored, refused, repaired, utc(now), source, symbol).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO market_collection (source, symbol, pair, next_date, bars_stored, bars_refused,
                                                   bars_repaired, last_attempt_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(source, symbol, pair, nextDate, stored, refused, repaired, utc(now)).update();
        }
    }

    /** The coin is caught up (as far as the exchange has data): its last error is cleared. */
    void markSuccess(String source, String symbol, Instant now) {
        jdbc.sql("UPDATE market_collection SET last_success_at = ?, last_attempt_at = ?, last_error = NULL, "
                        + "last_error_at = NULL WHERE source = ? AND symbol = ?")
                .params(utc(now), utc(now), source, symbol).update();
    }

    void recordError(String source, String symbol, String pair, LocalDate nextDate, String error, Instant now) {
        String message = shorten(error, 1000);
        int updated = jdbc.sql("UPDATE market_collection SET last_error = ?, last_error_at = ?, last_attempt_at = ? "
                        + "WHERE source = ? AND symbol = ?")
                .params(message, utc(now), utc(now), source, symbol).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO market_collection (source, symbol, pair, next_date, bars_stored, bars_refused,
                                                   bars_repaired, last_attempt_at, last_error, last_error_at)
                    VALUES (?, ?, ?, ?, 0, 0, 0, ?, ?, ?)
                    ON CONFLICT DO NOTHING""")
                    .params(source, symbol, pair, nextDate, utc(now), message, utc(now)).update();
        }
    }

    /** Records issues once per day and kind (seen again on a later run: kept as first recorded). */
    void insertIssues(String source, String symbol, List<DataIssue> issues, Instant now) {
        if (issues.isEmpty()) {
            return;
        }
        batch.batchUpdate("INSERT INTO market_data_issues (source, symbol, trade_date, kind, detail, seen_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                issues.stream().map(i -> new Object[] {source, symbol, i.date(), i.kind(), shorten(i.detail(), 500),
                        utc(now)}).toList());
    }

    List<Issue> recentIssues(int limit) {
        return jdbc.sql("SELECT * FROM market_data_issues ORDER BY seen_at DESC, trade_date DESC LIMIT ?").param(limit)
                .query((rs, row) -> new Issue(rs.getString("source"), rs.getString("symbol"),
                        rs.getObject("trade_date", LocalDate.class), rs.getString("kind"), rs.getString("detail"),
                        instant(rs, "seen_at")))
                .list();
    }

    UUID startRun(String source, String instance, Instant now) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO market_collector_runs (id, source, instance, started_at, requests, bars_stored, "
                        + "bars_refused) VALUES (?, ?, ?, ?, 0, 0, 0)")
                .params(id, source, instance, utc(now)).update();
        return id;
    }

    void finishRun(UUID id, Instant now, String outcome, int requests, int stored, int refused, String message) {
        jdbc.sql("UPDATE market_collector_runs SET finished_at = ?, outcome = ?, requests = ?, bars_stored = ?, "
                        + "bars_refused = ?, message = ? WHERE id = ?")
                .params(utc(now), outcome, requests, stored, refused, shorten(message, 1000), id).update();
        // a year of hourly retries is still small; older runs say nothing an operator needs
        jdbc.sql("DELETE FROM market_collector_runs WHERE started_at < ?").param(utc(now.minus(90, ChronoUnit.DAYS)))
                .update();
    }

    List<Run> recentRuns(int limit) {
        return jdbc.sql("SELECT * FROM market_collector_runs ORDER BY started_at DESC, seq DESC LIMIT ?").param(limit)
                .query((rs, row) -> new Run(rs.getObject("id", UUID.class), rs.getString("source"),
                        rs.getString("instance"), instant(rs, "started_at"), instant(rs, "finished_at"),
                        rs.getString("outcome"), rs.getInt("requests"), rs.getInt("bars_stored"),
                        rs.getInt("bars_refused"), rs.getString("message")))
                .list();
    }

    private static Progress mapProgress(ResultSet rs, int row) throws SQLException {
        return new Progress(rs.getString("source"), rs.getString("symbol"), rs.getString("pair"),
                rs.getObject("next_date", LocalDate.class), rs.getLong("bars_stored"), rs.getLong("bars_refused"),
                rs.getLong("bars_repaired"), instant(rs, "last_attempt_at"), instant(rs, "last_success_at"),
                rs.getString("last_error"), instant(rs, "last_error_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    static String shorten(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
