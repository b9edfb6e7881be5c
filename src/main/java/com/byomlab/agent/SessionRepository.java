package com.byomlab.agent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Sessions and their steps. Reads are scoped by owner; status changes are conditional on the current status. */
@Repository
class SessionRepository {

    private static final String COLUMNS = """
            id, user_id, user_goal, status, status_reason, error_code, llm_credential_id, llm_provider, llm_model,
            using_custom_model, simulated, llm_calls, input_tokens, output_tokens, cached_input_tokens,
            cache_write_tokens, reasoning_tokens, cost_usd, cost_complete, final_report, created_at, started_at, finished_at,
            models_used, cache_saving_usd""";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<ModelUsed>> MODELS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A new session, owned by this instance from the start: its heartbeat is set here (the supervisor keeps it fresh),
     * so it needs no separate claim.
     */
    void insert(AgentSession s, String instance) {
        // models_used stays NULL until a fallback: then it lists every model the session ran on
        OffsetDateTime created = utc(s.createdAt());
        jdbc.sql("INSERT INTO agent_sessions (" + COLUMNS + ", owner_instance, heartbeat_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)")
                .params(s.id(), s.userId(), s.userGoal(), s.status(), s.statusReason(), s.errorCode(),
                        s.llmCredentialId(), s.llmProvider(), s.llmModel(), s.usingCustomModel(), s.simulated(),
                        s.llmCalls(), s.inputTokens(), s.outputTokens(), s.cachedInputTokens(), s.cacheWriteTokens(),
                        s.reasoningTokens(),
                        s.costUsd(), s.costComplete(), s.finalReport(), created,
                        utc(s.startedAt()), utc(s.finishedAt()),
                        s.cacheSavingUsd() == null ? BigDecimal.ZERO : s.cacheSavingUsd(), instance, created)
                .update();
    }

    Optional<AgentSession> find(UUID userId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_sessions WHERE id = ? AND user_id = ?")
                .params(id, userId).query(SessionRepository::map).optional();
    }

    Optional<AgentSession> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_sessions WHERE id = ?")
                .param(id).query(SessionRepository::map).optional();
    }

    List<AgentSession> list(UUID userId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM agent_sessions WHERE user_id = ? ORDER BY created_at DESC, id LIMIT ?")
                .params(userId, limit).query(SessionRepository::map).list();
    }

    /** Refreshes the heartbeat of this instance's active sessions; returns how many rows were touched. */
    int heartbeat(String instance, Instant now) {
        return jdbc.sql("UPDATE agent_sessions SET heartbeat_at = ? WHERE owner_instance = ? "
                        + "AND status IN ('pending', 'running')")
                .params(utc(now), instance).update();
    }

    /**
     * Of the given sessions, those that ended meanwhile (cancelled through another instance, or swept as lost) or are
     * gone (their account was deleted, through any instance).
     */
    List<UUID> endedAmong(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<UUID> active = new HashSet<>(jdbc.sql("SELECT id FROM agent_sessions WHERE status IN ('pending', 'running') "
                + "AND id IN (:ids)").param("ids", ids).query(UUID.class).list());
        return ids.stream().filter(id -> !active.contains(id)).toList();
    }

    /** Active sessions whose instance has not beaten since {@code staleBefore}: their instance is gone. */
    List<UUID> staleSessions(Instant staleBefore, int limit) {
        return jdbc.sql("SELECT id FROM agent_sessions WHERE status IN ('pending', 'running') AND heartbeat_at < ? "
                        + "ORDER BY heartbeat_at LIMIT ?")
                .params(utc(staleBefore), limit).query(UUID.class).list();
    }

    /**
     * Ends a session as lost, only if its heartbeat is still stale (its instance might have come back). Its totals are
     * summed from its steps here: its instance may have died between its last step and the totals written with its end.
     */
    boolean markLost(UUID id, Instant staleBefore, String reason, Instant now) {
        return jdbc.sql("""
                UPDATE agent_sessions SET status = 'instance_lost', status_reason = ?, error_code = 'instance_lost',
                       finished_at = ?,
                       llm_calls = (SELECT COALESCE(SUM(attempts), 0) FROM agent_steps WHERE session_id = ?),
                       input_tokens = (SELECT COALESCE(SUM(input_tokens), 0) FROM agent_steps WHERE session_id = ?),
                       output_tokens = (SELECT COALESCE(SUM(output_tokens), 0) FROM agent_steps WHERE session_id = ?),
                       cached_input_tokens = (SELECT COALESCE(SUM(cached_tokens), 0) FROM agent_steps
                                              WHERE session_id = ?),
                       cache_write_tokens = (SELECT COALESCE(SUM(cache_write_tokens), 0) FROM agent_steps
                                             WHERE session_id = ?),
                       reasoning_tokens = (SELECT COALESCE(SUM(reasoning_tokens), 0) FROM agent_steps
                                           WHERE session_id = ?),
                       cost_usd = (SELECT COALESCE(SUM(cost_usd), 0) FROM agent_steps WHERE session_id = ?),
                       cost_complete = NOT EXISTS (SELECT 1 FROM agent_steps WHERE session_id = ? AND cost_known = FALSE),
                       cache_saving_usd = (SELECT COALESCE(SUM(cache_saving_usd), 0) FROM agent_steps
                                           WHERE session_id = ?)
                WHERE id = ? AND status IN ('pending', 'running') AND heartbeat_at < ?""")
                .params(reason, utc(now), id, id, id, id, id, id, id, id, id, id, utc(staleBefore)).update() == 1;
    }

    /** pending → running; false when the session is no longer pending (e.g. cancelled meanwhile). */
    boolean markRunning(UUID id, Instant now) {
        // the heartbeat was set at the insert and is kept fresh by the supervisor, pending or running
        return jdbc.sql("UPDATE agent_sessions SET status = 'running', started_at = ? WHERE id = ? AND status = 'pending'")
                .params(utc(now), id).update() == 1;
    }

    /** Moves a pending or running session to a final status; false if it was already final. */
    boolean finish(UUID id, SessionStatus status, String reason, String errorCode, String finalReport, Instant now) {
        return jdbc.sql("""
                UPDATE agent_sessions SET status = ?, status_reason = ?, error_code = ?, final_report = ?, finished_at = ?
                WHERE id = ? AND status IN ('pending', 'running')""")
                .params(status.id(), truncate(reason, 500), errorCode, finalReport, utc(now), id).update() == 1;
    }

    /**
     * {@link #finish} and the session's totals in the same statement (one row write instead of two, issue 27); false,
     * and nothing written, if it was already final: then the caller writes the totals on their own.
     */
    boolean finish(UUID id, SessionStatus status, String reason, String errorCode, String finalReport, Instant now,
                   Totals t) {
        return jdbc.sql("""
                UPDATE agent_sessions SET status = ?, status_reason = ?, error_code = ?, final_report = ?, finished_at = ?,
                       llm_calls = ?, input_tokens = ?, output_tokens = ?, cached_input_tokens = ?,
                       cache_write_tokens = ?, reasoning_tokens = ?, cost_usd = ?, cost_complete = ?, cache_saving_usd = ?
                WHERE id = ? AND status IN ('pending', 'running')""")
                .params(status.id(), truncate(reason, 500), errorCode, finalReport, utc(now),
                        t.llmCalls(), t.inputTokens(), t.outputTokens(), t.cachedInputTokens(), t.cacheWriteTokens(),
                        t.reasoningTokens(), t.costUsd(), t.costComplete(), t.cacheSavingUsd(), id).update() == 1;
    }

    /**
     * The session moved to another credential of its fallback order: what runs now, and every model it ran on
     * (absolute values, so a write repeated after an outage changes nothing).
     */
    void switchedTo(UUID id, ModelUsed now, boolean ownKey, boolean simulated, List<ModelUsed> all) {
        jdbc.sql("""
                UPDATE agent_sessions SET llm_credential_id = ?, llm_provider = ?, llm_model = ?, using_custom_model = ?,
                       simulated = ?, models_used = ?
                WHERE id = ?""")
                .params(now.credentialId(), now.provider(), now.model(), ownKey, simulated,
                        JSON.writeValueAsString(all), id).update();
    }

    /** A session's running totals, summed from its steps by the loop that wrote them. */
    record Totals(int llmCalls, long inputTokens, long outputTokens, long cachedInputTokens, long cacheWriteTokens,
                  long reasoningTokens, BigDecimal costUsd, boolean costComplete, BigDecimal cacheSavingUsd) {
        static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0, BigDecimal.ZERO, true, BigDecimal.ZERO);

        Totals plus(AgentStep step) {
            return new Totals(llmCalls + orZero(step.attempts()), inputTokens + orZero(step.inputTokens()),
                    outputTokens + orZero(step.outputTokens()), cachedInputTokens + orZero(step.cachedTokens()),
                    cacheWriteTokens + orZero(step.cacheWriteTokens()), reasoningTokens + orZero(step.reasoningTokens()),
                    step.costUsd() == null ? costUsd : costUsd.add(step.costUsd()),
                    costComplete && !Boolean.FALSE.equals(step.costKnown()),
                    step.cacheSavingUsd() == null ? cacheSavingUsd : cacheSavingUsd.add(step.cacheSavingUsd()));
        }

        private static int orZero(Integer n) {
            return n == null ? 0 : n;
        }
    }

    /**
     * Writes the session's totals as absolute values, not increments: a write repeated after a database outage
     * cannot count a step twice. (It replaced seven SUM subqueries over the steps on every model turn.)
     */
    void writeTotals(UUID id, Totals t) {
        jdbc.sql("""
                UPDATE agent_sessions SET llm_calls = ?, input_tokens = ?, output_tokens = ?, cached_input_tokens = ?,
                       cache_write_tokens = ?, reasoning_tokens = ?, cost_usd = ?, cost_complete = ?, cache_saving_usd = ?
                WHERE id = ?""")
                .params(t.llmCalls(), t.inputTokens(), t.outputTokens(), t.cachedInputTokens(), t.cacheWriteTokens(),
                        t.reasoningTokens(), t.costUsd(), t.costComplete(), t.cacheSavingUsd(), id).update();
    }

    void insertStep(UUID sessionId, AgentStep step) {
        jdbc.sql("""
                INSERT INTO agent_steps (session_id, seq, kind, content, tool_name, tool_call_id, input_tokens,
                                         output_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, latency_ms,
                                         attempts, cost_usd, cost_known, created_at, cache_saving_usd)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(sessionId, step.seq(), step.kind(), step.content(), step.toolName(), step.toolCallId(),
                        step.inputTokens(), step.outputTokens(), step.cachedTokens(), step.cacheWriteTokens(),
                        step.reasoningTokens(),
                        step.latencyMs(), step.attempts(), step.costUsd(), step.costKnown(), utc(step.createdAt()),
                        step.cacheSavingUsd())
                .update();
    }

    List<AgentStep> steps(UUID sessionId, int afterSeq) {
        return jdbc.sql("""
                SELECT seq, kind, content, tool_name, tool_call_id, input_tokens, output_tokens, cached_tokens,
                       cache_write_tokens, reasoning_tokens, latency_ms, attempts, cost_usd, cost_known, created_at,
                       cache_saving_usd
                FROM agent_steps WHERE session_id = ? AND seq > ? ORDER BY seq""")
                .params(sessionId, afterSeq).query(SessionRepository::mapStep).list();
    }

    private static AgentSession map(ResultSet rs, int row) throws SQLException {
        return new AgentSession(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("user_goal"), rs.getString("status"), rs.getString("status_reason"),
                rs.getString("error_code"), rs.getObject("llm_credential_id", UUID.class),
                rs.getString("llm_provider"), rs.getString("llm_model"), rs.getBoolean("using_custom_model"),
                rs.getBoolean("simulated"), rs.getInt("llm_calls"), rs.getLong("input_tokens"),
                rs.getLong("output_tokens"), rs.getLong("cached_input_tokens"), rs.getLong("cache_write_tokens"),
                rs.getLong("reasoning_tokens"), rs.getBigDecimal("cost_usd"), rs.getBoolean("cost_complete"), rs.getString("final_report"),
                instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), modelsUsed(rs), rs.getBigDecimal("cache_saving_usd"));
    }

    private static List<ModelUsed> modelsUsed(ResultSet rs) throws SQLException {
        String json = rs.getString("models_used");
        if (json == null || json.isBlank()) {
            return List.of(new ModelUsed(rs.getString("llm_provider"), rs.getString("llm_model"),
                    rs.getObject("llm_credential_id", UUID.class)));
        }
        return List.copyOf(JSON.readValue(json, MODELS));
    }

    private static AgentStep mapStep(ResultSet rs, int row) throws SQLException {
        return new AgentStep(rs.getInt("seq"), rs.getString("kind"), rs.getString("content"),
                rs.getString("tool_name"), rs.getString("tool_call_id"), integer(rs, "input_tokens"),
                integer(rs, "output_tokens"), integer(rs, "cached_tokens"), integer(rs, "cache_write_tokens"),
                integer(rs, "reasoning_tokens"),
                rs.getObject("latency_ms") == null ? null : rs.getLong("latency_ms"), integer(rs, "attempts"),
                rs.getBigDecimal("cost_usd"), rs.getObject("cost_known") == null ? null : rs.getBoolean("cost_known"),
                instant(rs, "created_at"), rs.getBigDecimal("cache_saving_usd"));
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
