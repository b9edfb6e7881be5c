package com.byomlab.audit;

import com.byomlab.database.WriteBehind;
import com.byomlab.database.WriteBehindProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Append-only record of credential operations, hash-chained ({@link AuditChain}, {@link AuditVerifier}). Entries are
 * written behind the operation ({@link WriteBehind}): in batches, one chain append each, within
 * {@code byom.write-behind.max-delay} and at a graceful shutdown (docs/operations.md says what a crash loses).
 */
@Service
public class AuditLog implements SmartLifecycle {

    private final JdbcClient jdbc;
    private final AuditChain chain;
    private final WriteBehind<AuditEvent> behind;

    AuditLog(JdbcClient jdbc, AuditChain chain, WriteBehindProperties settings) {
        this.jdbc = jdbc;
        this.chain = chain;
        // a batch is one append: one lock of the chain's head, one commit, for every entry in it
        this.behind = new WriteBehind<>("audit entries", settings.maxDelay(), settings.queueCapacity(), chain::append,
                refused -> { }, e -> e.operation() + " of user " + e.userId());
    }

    /**
     * Records the entry, with the time it happened, in a transaction of its own ({@link AuditChain#append}), so that
     * a refused or failed operation, whose own transaction rolls back, is audited all the same: soon, by the writer
     * thread, or now when write-behind is off or its queue is full.
     */
    public void record(AuditEvent e) {
        AuditEvent stamped = new AuditEvent(e.id(), e.occurredAt() != null ? e.occurredAt() : Instant.now(),
                e.userId(), e.operation(), e.outcome(), e.provider(), e.credentialId(), e.sessionId(),
                e.clientAddress(), e.detail());
        if (!behind.offer(stamped)) {
            chain.append(List.of(stamped));
        }
    }

    /**
     * Records the events in list order, all in one transaction of their own, now (after the entries still waiting,
     * which keep their place in the chain).
     */
    public void recordAll(List<AuditEvent> events) {
        behind.flush();
        chain.append(events);
    }

    /** Writes every entry recorded so far: before a read that must see them. */
    public void flush() {
        behind.flush();
    }

    /** The user's own entries, newest first. */
    public List<AuditEvent> forUser(UUID userId, int limit) {
        behind.flush();
        return jdbc.sql("""
                SELECT id, occurred_at, user_id, operation, outcome, provider, credential_id, session_id,
                       client_address, detail
                FROM audit_events WHERE user_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?""")
                .params(userId, limit).query(AuditLog::map).list();
    }

    /**
     * A page of the user's own entries, newest first: {@code operation} (e.g. {@code token.create}) narrows them to
     * that one when not null; {@code offset} entries are skipped.
     */
    public List<AuditEvent> forUser(UUID userId, String operation, int offset, int limit) {
        behind.flush();
        var statement = jdbc.sql("SELECT id, occurred_at, user_id, operation, outcome, provider, credential_id, "
                + "session_id, client_address, detail FROM audit_events WHERE user_id = ?"
                + (operation == null ? "" : " AND operation = ?")
                + " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?").param(userId);
        if (operation != null) {
            statement = statement.param(operation);
        }
        return statement.param(limit).param(offset).query(AuditLog::map).list();
    }

    /** The operations the user's entries have, in name order: what the audit page can filter by. */
    public List<String> operationsOf(UUID userId) {
        behind.flush();
        return jdbc.sql("SELECT DISTINCT operation FROM audit_events WHERE user_id = ? ORDER BY operation")
                .param(userId).query(String.class).list();
    }

    /** Every user's entries, newest first, optionally of one user: for administrators. */
    public List<AuditEvent> all(UUID userIdOrNull, int limit) {
        behind.flush();
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

    @Override
    public void start() {
        behind.start();
    }

    /** After the web server has stopped (a lower phase stops later), before the datasource closes. */
    @Override
    public void stop() {
        behind.stop();
    }

    @Override
    public boolean isRunning() {
        return behind.isRunning();
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
