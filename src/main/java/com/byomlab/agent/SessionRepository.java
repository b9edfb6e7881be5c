package com.byomlab.agent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sessions and their steps. Reads are scoped by owner; status changes are conditional on the current status. */
@Repository
class SessionRepository {

    private static final String COLUMNS = """
            id, user_id, user_goal, status, status_reason, error_code, llm_credential_id, llm_provider, llm_model,
            using_custom_model, simulated, llm_calls, input_tokens, output_tokens, cached_input_tokens,
            reasoning_tokens, cost_usd, cost_complete, final_report, created_at, started_at, finished_at""";

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(AgentSession s) {
        jdbc.sql("INSERT INTO agent_sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(s.id(), s.userId(), s.userGoal(), s.status(), s.statusReason(), s.errorCode(),
                        s.llmCredentialId(), s.llmProvider(), s.llmModel(), s.usingCustomModel(), s.simulated(),
                        s.llmCalls(), s.inputTokens(), s.outputTokens(), s.cachedInputTokens(), s.reasoningTokens(),
                        s.costUsd(), s.costComplete(), s.finalReport(), utc(s.createdAt()),
                        utc(s.startedAt()), utc(s.finishedAt()))
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

    /** pending → running; false when the session is no longer pending (e.g. cancelled meanwhile). */
    boolean markRunning(UUID id, Instant now) {
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

    /** Adds one call's usage; a null cost leaves the known total as is and marks it incomplete. */
    void addUsage(UUID id, int calls, long input, long output, long cached, long reasoning, BigDecimal cost) {
        jdbc.sql("""
                UPDATE agent_sessions SET llm_calls = llm_calls + ?, input_tokens = input_tokens + ?,
                       output_tokens = output_tokens + ?, cached_input_tokens = cached_input_tokens + ?,
                       reasoning_tokens = reasoning_tokens + ?, cost_usd = cost_usd + ?,
                       cost_complete = cost_complete AND ?
                WHERE id = ?""")
                .params(calls, input, output, cached, reasoning, cost == null ? BigDecimal.ZERO : cost, cost != null, id)
                .update();
    }

    void insertStep(UUID sessionId, AgentStep step) {
        jdbc.sql("""
                INSERT INTO agent_steps (session_id, seq, kind, content, tool_name, tool_call_id, input_tokens,
                                         output_tokens, cached_tokens, reasoning_tokens, latency_ms, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(sessionId, step.seq(), step.kind(), step.content(), step.toolName(), step.toolCallId(),
                        step.inputTokens(), step.outputTokens(), step.cachedTokens(), step.reasoningTokens(),
                        step.latencyMs(), utc(step.createdAt()))
                .update();
    }

    List<AgentStep> steps(UUID sessionId, int afterSeq) {
        return jdbc.sql("""
                SELECT seq, kind, content, tool_name, tool_call_id, input_tokens, output_tokens, cached_tokens,
                       reasoning_tokens, latency_ms, created_at
                FROM agent_steps WHERE session_id = ? AND seq > ? ORDER BY seq""")
                .params(sessionId, afterSeq).query(SessionRepository::mapStep).list();
    }

    private static AgentSession map(ResultSet rs, int row) throws SQLException {
        return new AgentSession(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("user_goal"), rs.getString("status"), rs.getString("status_reason"),
                rs.getString("error_code"), rs.getObject("llm_credential_id", UUID.class),
                rs.getString("llm_provider"), rs.getString("llm_model"), rs.getBoolean("using_custom_model"),
                rs.getBoolean("simulated"), rs.getInt("llm_calls"), rs.getLong("input_tokens"),
                rs.getLong("output_tokens"), rs.getLong("cached_input_tokens"), rs.getLong("reasoning_tokens"),
                rs.getBigDecimal("cost_usd"), rs.getBoolean("cost_complete"), rs.getString("final_report"),
                instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    private static AgentStep mapStep(ResultSet rs, int row) throws SQLException {
        return new AgentStep(rs.getInt("seq"), rs.getString("kind"), rs.getString("content"),
                rs.getString("tool_name"), rs.getString("tool_call_id"), integer(rs, "input_tokens"),
                integer(rs, "output_tokens"), integer(rs, "cached_tokens"), integer(rs, "reasoning_tokens"),
                rs.getObject("latency_ms") == null ? null : rs.getLong("latency_ms"), instant(rs, "created_at"));
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
