package com.byomlab.audit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Append-only record of credential operations, hash-chained ({@link AuditChain}, {@link AuditVerifier}). */
@Service
public class AuditLog {

    private final JdbcClient jdbc;
    private final AuditChain chain;

    AuditLog(JdbcClient jdbc, AuditChain chain) {
        this.jdbc = jdbc;
        this.chain = chain;
    }

    /**
     * Records in a transaction of its own ({@link AuditChain#append}), so that a refused or failed operation, whose
     * own transaction rolls back, is audited all the same.
     */
    public void record(AuditEvent e) {
        chain.append(List.of(e));
    }

    /** Records the events in list order, all in one transaction of their own. */
    public void recordAll(List<AuditEvent> events) {
        chain.append(events);
    }

    /** The user's own entries, newest first. */
    public List<AuditEvent> forUser(UUID userId, int limit) {
        return jdbc.sql("""
                SELECT id, occurred_at, user_id, operation, outcome, provider, credential_id, session_id,
                       client_address, detail
                FROM audit_events WHERE user_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?""")
                .params(userId, limit).query(AuditLog::map).list();
    }

    /** Every user's entries, newest first, optionally of one user: for administrators. */
    public List<AuditEvent> all(UUID userIdOrNull, int limit) {
        String where = userIdOrNull == null ? "" : " WHERE user_id = ?";
        var statement = jdbc.sql("""
                SELECT id, occurred_at, user_id, operation, outcome, provider, credential_id, session_id,
                       client_address, detail
                FROM audit_events""" + where + " ORDER BY occurred_at DESC, id DESC LIMIT ?");
        if (userIdOrNull != null) {
            statement = statement.param(userIdOrNull);
        }
        return statement.param(limit).query(AuditLog::map).list();
    }

    private static AuditEvent map(ResultSet rs, int row) throws SQLException {
        return new AuditEvent(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("user_id", UUID.class), rs.getString("operation"),
                AuditEvent.Outcome.valueOf(rs.getString("outcome")), rs.getString("provider"),
                rs.getObject("credential_id", UUID.class), rs.getObject("session_id", UUID.class),
                rs.getString("client_address"), rs.getString("detail"));
    }
}
