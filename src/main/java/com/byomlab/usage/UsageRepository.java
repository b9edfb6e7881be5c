package com.byomlab.usage;

import com.byomlab.llm.TokenCounts;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

@Repository
class UsageRepository {

    private static final String INSERT = """
            INSERT INTO llm_usage (call_id, occurred_at, user_id, session_id, credential_id, purpose, provider,
                model, outcome, attempts, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens,
                cache_write_1h_tokens, reasoning_tokens, usage_reported, latency_ms, cost_usd, long_context,
                cost_without_cache_usd, cost_note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final JdbcTemplate statements;

    UsageRepository(JdbcClient jdbc, JdbcTemplate statements) {
        this.jdbc = jdbc;
        this.statements = statements;
    }

    /** False when this call id was recorded before (nothing is written twice). */
    boolean insert(LlmCallRecord call, Cost cost, Instant at) {
        try {
            statements.update(INSERT, ps -> bind(ps, call, cost, at));
            return true;
        } catch (DuplicateKeyException alreadyRecorded) {
            return false;
        }
    }

    /**
     * Inserts the rows as one JDBC batch (one prepared statement, values bound by type: no per-row statement or
     * parameter lookup), as of {@code at} each; a row stored before fails the batch ({@link DuplicateKeyException}),
     * so the caller's transaction must roll back and write the rows one by one ({@link #insert}).
     */
    void insertAll(List<UsageWrites.Row> rows, Function<UsageWrites.Row, Instant> at) {
        statements.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                UsageWrites.Row r = rows.get(i);
                bind(ps, r.call(), r.cost(), at.apply(r));
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }

    private static void bind(PreparedStatement ps, LlmCallRecord call, Cost cost, Instant at) throws SQLException {
        TokenCounts usage = call.usage();
        ps.setObject(1, call.callId());
        ps.setObject(2, at.atOffset(ZoneOffset.UTC));
        ps.setObject(3, call.userId());
        nullable(ps, 4, call.sessionId(), Types.OTHER);
        nullable(ps, 5, call.credentialId(), Types.OTHER);
        ps.setString(6, call.purpose());
        ps.setString(7, call.provider().id());
        ps.setString(8, call.model());
        ps.setString(9, call.outcome());
        ps.setInt(10, call.attempts());
        nullable(ps, 11, usage.input(), Types.INTEGER);
        nullable(ps, 12, usage.output(), Types.INTEGER);
        nullable(ps, 13, usage.cachedInput(), Types.INTEGER);
        nullable(ps, 14, usage.cacheWrite(), Types.INTEGER);
        nullable(ps, 15, usage.cacheWrite1h(), Types.INTEGER);
        nullable(ps, 16, usage.reasoning(), Types.INTEGER);
        ps.setBoolean(17, usage.reported());
        ps.setLong(18, call.latencyMs());
        nullable(ps, 19, cost.known() ? cost.usd() : null, Types.NUMERIC);
        ps.setBoolean(20, cost.longContext());
        nullable(ps, 21, cost.known() ? cost.withoutCacheUsd() : null, Types.NUMERIC);
        nullable(ps, 22, cost.known() ? null : truncate(cost.reason(), 300), Types.VARCHAR);
    }

    private static void nullable(PreparedStatement ps, int index, Object value, int sqlType) throws SQLException {
        if (value == null) {
            ps.setNull(index, sqlType);
        } else {
            ps.setObject(index, value);
        }
    }

    /**
     * One UTC day's calls on one provider and model. {@code costUsd} sums the calls whose cost is known; it is null
     * when none is (unknown, never a silent zero), and {@code costComplete} is false when any call's cost is unknown.
     * {@code cacheWrite1hTokens} is the one-hour part of {@code cacheWriteTokens}; {@code longContextCalls} the calls
     * priced at a long-context tier; {@code cacheSavingUsd} what prompt caching saved on the calls whose saving is
     * known (negative when writes cost more than reads saved); {@code costNotes} why costs are unknown, distinct.
     */
    record DailyUsage(LocalDate day, String provider, String model, long calls, long failedCalls, long inputTokens,
                      long outputTokens, long cachedInputTokens, long cacheWriteTokens, long reasoningTokens,
                      @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal costUsd, boolean costComplete,
                      long unpricedCalls, long unreportedUsageCalls, long cacheWrite1hTokens, long longContextCalls,
                      BigDecimal cacheSavingUsd, List<String> costNotes) {
    }

    List<DailyUsage> daily(UUID userId, Instant from, Instant toExclusive) {
        // grouping by day is done in Java: date truncation of timestamps differs between H2 and PostgreSQL
        List<Row> rows = jdbc.sql("""
                SELECT occurred_at, provider, model, outcome, input_tokens, output_tokens, cached_input_tokens,
                       cache_write_tokens, cache_write_1h_tokens, reasoning_tokens, usage_reported, cost_usd,
                       long_context, cost_without_cache_usd, cost_note
                FROM llm_usage WHERE user_id = ? AND occurred_at >= ? AND occurred_at < ?
                ORDER BY occurred_at""")
                .params(userId, from.atOffset(ZoneOffset.UTC), toExclusive.atOffset(ZoneOffset.UTC))
                .query(UsageRepository::row).list();
        java.util.Map<String, DailyUsage> groups = new java.util.LinkedHashMap<>();
        for (Row r : rows) {
            String key = r.day + "|" + r.provider + "|" + r.model;
            DailyUsage g = groups.getOrDefault(key, new DailyUsage(r.day, r.provider, r.model, 0, 0, 0, 0, 0, 0, 0,
                    null, true, 0, 0, 0, 0, BigDecimal.ZERO, List.of()));
            BigDecimal known = r.cost == null ? g.costUsd() : g.costUsd() == null ? r.cost : g.costUsd().add(r.cost);
            BigDecimal saving = r.cost == null || r.withoutCache == null ? g.cacheSavingUsd()
                    : g.cacheSavingUsd().add(r.withoutCache.subtract(r.cost));
            List<String> notes = r.note == null || g.costNotes().contains(r.note) || g.costNotes().size() >= 5
                    ? g.costNotes() : java.util.stream.Stream.concat(g.costNotes().stream(),
                    java.util.stream.Stream.of(r.note)).toList();
            groups.put(key, new DailyUsage(g.day(), g.provider(), g.model(), g.calls() + 1,
                    g.failedCalls() + (r.ok ? 0 : 1), g.inputTokens() + r.input, g.outputTokens() + r.output,
                    g.cachedInputTokens() + r.cached, g.cacheWriteTokens() + r.cacheWrite,
                    g.reasoningTokens() + r.reasoning, known,
                    g.costComplete() && r.cost != null, g.unpricedCalls() + (r.cost == null ? 1 : 0),
                    g.unreportedUsageCalls() + (r.ok && !r.reported ? 1 : 0), g.cacheWrite1hTokens() + r.cacheWrite1h,
                    g.longContextCalls() + (r.longContext ? 1 : 0), saving, notes));
        }
        return List.copyOf(groups.values());
    }

    /** As {@link DailyUsage}: {@code costUsd} null when no call's cost is known, {@code costComplete} false if one is not. */
    record UserSpend(UUID userId, String provider, String model, long calls, long inputTokens, long outputTokens,
                     long cachedInputTokens, long cacheWriteTokens, long reasoningTokens,
                     @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal costUsd, boolean costComplete,
                     long unpricedCalls, long cacheWrite1hTokens, long longContextCalls, BigDecimal cacheSavingUsd) {
    }

    /** Every user's spend per provider and model over a period: the administrators' view. */
    List<UserSpend> byUser(Instant from, Instant toExclusive) {
        return jdbc.sql("""
                SELECT user_id, provider, model, COUNT(*) AS calls, COALESCE(SUM(input_tokens), 0) AS input_tokens,
                       COALESCE(SUM(output_tokens), 0) AS output_tokens,
                       COALESCE(SUM(cached_input_tokens), 0) AS cached_input_tokens,
                       COALESCE(SUM(cache_write_tokens), 0) AS cache_write_tokens,
                       COALESCE(SUM(reasoning_tokens), 0) AS reasoning_tokens, SUM(cost_usd) AS cost_usd,
                       SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unpriced_calls,
                       COALESCE(SUM(cache_write_1h_tokens), 0) AS cache_write_1h_tokens,
                       SUM(CASE WHEN long_context THEN 1 ELSE 0 END) AS long_context_calls,
                       COALESCE(SUM(cost_without_cache_usd - cost_usd), 0) AS cache_saving_usd
                FROM llm_usage WHERE occurred_at >= ? AND occurred_at < ?
                GROUP BY user_id, provider, model ORDER BY user_id, provider, model""")
                .params(from.atOffset(ZoneOffset.UTC), toExclusive.atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new UserSpend(rs.getObject("user_id", UUID.class), rs.getString("provider"),
                        rs.getString("model"), rs.getLong("calls"), rs.getLong("input_tokens"),
                        rs.getLong("output_tokens"), rs.getLong("cached_input_tokens"), rs.getLong("cache_write_tokens"),
                        rs.getLong("reasoning_tokens"), rs.getBigDecimal("cost_usd"), rs.getLong("unpriced_calls") == 0,
                        rs.getLong("unpriced_calls"), rs.getLong("cache_write_1h_tokens"),
                        rs.getLong("long_context_calls"), rs.getBigDecimal("cache_saving_usd")))
                .list();
    }

    /**
     * How long a call's row may take to commit after its {@code occurred_at} (the time the call was recorded; a row
     * written behind commits within {@code byom.write-behind.max-delay}, and one that waited through an outage is
     * stored as of at most half this long ago: {@link UsageWrites}). A month's checkpoint never covers the last
     * {@code SETTLED_AFTER}, so a row that commits late is still counted, by the sum of the calls since the
     * checkpoint.
     */
    static final Duration SETTLED_AFTER = Duration.ofMinutes(1);

    private record Checkpoint(OffsetDateTime countedBefore, BigDecimal costUsd) {
    }

    private record SpendSince(BigDecimal all, BigDecimal settled) {
    }

    /**
     * Known cost of the user's stored calls in the calendar month (UTC) that holds {@code now}: the month's checkpoint
     * plus the calls after it (a cap adds the calls not stored yet: {@link UsageWrites#spentInMonth}). The first check of a month sums the month once; the checkpoint then moves forward
     * at most once a {@link #SETTLED_AFTER}, so a check sums a minute or two of calls, however busy the month.
     */
    BigDecimal spentInMonth(UUID userId, Instant now) {
        LocalDate month = monthOf(now);
        OffsetDateTime monthStart = month.atStartOfDay().atOffset(ZoneOffset.UTC);
        Optional<Checkpoint> checkpoint = jdbc.sql("""
                        SELECT counted_before, cost_usd FROM monthly_spend_checkpoints
                        WHERE user_id = ? AND month_start = ?""")
                .params(userId, month)
                .query((rs, n) -> new Checkpoint(rs.getObject("counted_before", OffsetDateTime.class),
                        rs.getBigDecimal("cost_usd")))
                .optional();
        OffsetDateTime from = checkpoint.map(Checkpoint::countedBefore).orElse(monthStart);
        BigDecimal counted = checkpoint.map(Checkpoint::costUsd).orElse(BigDecimal.ZERO);
        OffsetDateTime settledBefore = now.minus(SETTLED_AFTER).atOffset(ZoneOffset.UTC);
        SpendSince since = jdbc.sql("""
                        SELECT COALESCE(SUM(cost_usd), 0) AS all_cost,
                               COALESCE(SUM(CASE WHEN occurred_at < ? THEN cost_usd END), 0) AS settled_cost
                        FROM llm_usage WHERE user_id = ? AND occurred_at >= ? AND occurred_at < ?""")
                .params(settledBefore, userId, from, month.plusMonths(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                .query((rs, n) -> new SpendSince(rs.getBigDecimal("all_cost"), rs.getBigDecimal("settled_cost")))
                .single();
        if (!settledBefore.isBefore(from.plus(SETTLED_AFTER))) {
            moveCheckpoint(userId, month, checkpoint, settledBefore, counted.add(since.settled()));
        }
        return counted.add(since.all());
    }

    /** Writes the month's new checkpoint unless another check moved it first (then that one stands). */
    private void moveCheckpoint(UUID userId, LocalDate month, Optional<Checkpoint> old, OffsetDateTime countedBefore,
                                BigDecimal costUsd) {
        try {
            if (old.isEmpty()) {
                jdbc.sql("""
                                INSERT INTO monthly_spend_checkpoints (user_id, month_start, counted_before, cost_usd)
                                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                        .params(userId, month, countedBefore, costUsd).update();
            } else {
                jdbc.sql("""
                                UPDATE monthly_spend_checkpoints SET counted_before = ?, cost_usd = ?
                                WHERE user_id = ? AND month_start = ? AND counted_before = ?""")
                        .params(countedBefore, costUsd, userId, month, old.get().countedBefore()).update();
            }
        } catch (DuplicateKeyException | ConcurrencyFailureException anotherCheckWroteIt) {
            // a database may report the race instead of settling it quietly; this check's sum is right either way
        }
    }

    /** The calendar month (UTC) that holds {@code at}, as its first day. */
    static LocalDate monthOf(Instant at) {
        // from the epoch day: two small objects, where going through an OffsetDateTime makes five per row
        return LocalDate.ofEpochDay(Math.floorDiv(at.getEpochSecond(), 86_400)).withDayOfMonth(1);
    }

    record SessionTotal(UUID sessionId, BigDecimal cost, long inputTokens, long outputTokens, boolean complete) {
    }

    /** Totals of recent sessions on one model, newest first: the history an estimate is made from. */
    List<SessionTotal> recentSessions(String provider, String model, int limit) {
        return jdbc.sql("""
                SELECT session_id, SUM(cost_usd) AS cost, SUM(COALESCE(input_tokens, 0)) AS input_tokens,
                       SUM(COALESCE(output_tokens, 0)) AS output_tokens,
                       SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unpriced, MAX(occurred_at) AS last_at
                FROM llm_usage WHERE provider = ? AND model = ? AND session_id IS NOT NULL AND purpose = 'agent'
                GROUP BY session_id ORDER BY last_at DESC LIMIT ?""")
                .params(provider, model, limit)
                .query((rs, n) -> new SessionTotal(rs.getObject("session_id", UUID.class),
                        rs.getBigDecimal("cost") == null ? BigDecimal.ZERO : rs.getBigDecimal("cost"),
                        rs.getLong("input_tokens"), rs.getLong("output_tokens"), rs.getLong("unpriced") == 0))
                .list();
    }

    /** Average tokens of recent agent sessions on any model, for estimating a model without history. */
    List<SessionTotal> recentSessionsAnyModel(int limit) {
        return jdbc.sql("""
                SELECT session_id, SUM(COALESCE(input_tokens, 0)) AS input_tokens,
                       SUM(COALESCE(output_tokens, 0)) AS output_tokens, MAX(occurred_at) AS last_at
                FROM llm_usage WHERE session_id IS NOT NULL AND purpose = 'agent'
                GROUP BY session_id ORDER BY last_at DESC LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new SessionTotal(rs.getObject("session_id", UUID.class), BigDecimal.ZERO,
                        rs.getLong("input_tokens"), rs.getLong("output_tokens"), true))
                .list();
    }

    private record Row(LocalDate day, String provider, String model, boolean ok, long input, long output, long cached,
                       long cacheWrite, long reasoning, boolean reported, BigDecimal cost, long cacheWrite1h,
                       boolean longContext, BigDecimal withoutCache, String note) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        OffsetDateTime at = rs.getObject("occurred_at", OffsetDateTime.class);
        return new Row(at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(), rs.getString("provider"),
                rs.getString("model"), "ok".equals(rs.getString("outcome")), rs.getLong("input_tokens"),
                rs.getLong("output_tokens"), rs.getLong("cached_input_tokens"), rs.getLong("cache_write_tokens"),
                rs.getLong("reasoning_tokens"), rs.getBoolean("usage_reported"), rs.getBigDecimal("cost_usd"),
                rs.getLong("cache_write_1h_tokens"), rs.getBoolean("long_context"),
                rs.getBigDecimal("cost_without_cache_usd"), rs.getString("cost_note"));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
