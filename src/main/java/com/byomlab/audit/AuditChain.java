package com.byomlab.audit;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The only writer of {@code audit_events}: appends entries to the hash chain ({@link AuditHash}). One append, of one
 * entry or a list, is one transaction of its own that locks the chain's head row ({@code audit_chain_head}, by an
 * update that changes nothing), inserts the entries in list order, each carrying the hash of the one before, and
 * moves the head to the last. Instances sharing a database take turns on that row, so ids, and with them the
 * chain's order, follow the order of the appends; within one instance a lock queues appends before they reach the
 * database.
 */
@Component
public class AuditChain {

    private static final String INSERT = """
            INSERT INTO audit_events (occurred_at, user_id, operation, outcome, provider, credential_id, session_id,
                                      client_address, detail, prev_hash, entry_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String LOCK_HEAD = "UPDATE audit_chain_head SET last_id = last_id WHERE id = 1";
    private static final String READ_HEAD = "SELECT last_hash FROM audit_chain_head WHERE id = 1";
    /** The head moves to this append's last entry, in one statement (the id read and the update together). */
    private static final String MOVE_HEAD = """
            UPDATE audit_chain_head SET last_id = (SELECT MAX(id) FROM audit_events), last_hash = ? WHERE id = 1""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final ReentrantLock local = new ReentrantLock(true);

    AuditChain(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        // never part of the caller's transaction: a refused operation rolls back, its audit entry stays
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Appends the events in list order, in one transaction: all are written or none. An event's {@code occurredAt}
     * is kept when set (so a caller that queues events can give the time they happened), else it is now; ids given
     * are ignored (the database numbers entries).
     */
    public void append(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        List<Entry> entries = new ArrayList<>(events.size());
        for (AuditEvent e : events) {
            entries.add(Entry.of(e, now));
        }
        ownTransaction.executeWithoutResult(status -> {
            local.lock();
            try {
                appendLocked(entries);
            } finally {
                local.unlock();
            }
        });
    }

    private void appendLocked(List<Entry> entries) {
        // the head's row lock first, by an update that changes nothing, then its hash: as SELECT … FOR UPDATE does,
        // but both statements stay in H2's statement cache (a FOR UPDATE query is parsed anew every time)
        if (jdbc.update(LOCK_HEAD) != 1) {
            throw new IllegalStateException("audit_chain_head has no row: the V33 migration made it");
        }
        String first = jdbc.queryForObject(READ_HEAD, String.class);
        String[] prevs = new String[entries.size() + 1];
        prevs[0] = first;
        for (int i = 0; i < entries.size(); i++) {
            prevs[i + 1] = entries.get(i).hash(prevs[i]);
        }
        if (entries.size() == 1) {
            jdbc.update(INSERT, ps -> bind(ps, entries.get(0), prevs[0], prevs[1]));
        } else {
            jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    bind(ps, entries.get(i), prevs[i], prevs[i + 1]);
                }

                @Override
                public int getBatchSize() {
                    return entries.size();
                }
            });
        }
        // under the head's lock nobody else inserts: the largest id is this append's last entry
        jdbc.update(MOVE_HEAD, ps -> ps.setString(1, prevs[entries.size()]));
    }

    /** The row's values bound by their types (no per-value type lookup, nor a parameter metadata read per null). */
    private static void bind(PreparedStatement ps, Entry e, String prev, String hash) throws SQLException {
        ps.setObject(1, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
        nullable(ps, 2, e.userId());
        ps.setString(3, e.operation());
        ps.setString(4, e.outcome());
        text(ps, 5, e.provider());
        nullable(ps, 6, e.credentialId());
        nullable(ps, 7, e.sessionId());
        text(ps, 8, e.clientAddress());
        text(ps, 9, e.detail());
        ps.setString(10, prev);
        ps.setString(11, hash);
    }

    private static void nullable(PreparedStatement ps, int index, java.util.UUID id) throws SQLException {
        if (id == null) {
            ps.setNull(index, Types.OTHER);
        } else {
            ps.setObject(index, id);
        }
    }

    private static void text(PreparedStatement ps, int index, String s) throws SQLException {
        if (s == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, s);
        }
    }

    /** An entry as it is stored (and hashed): time in microseconds, long texts cut to their columns. */
    record Entry(Instant occurredAt, java.util.UUID userId, String operation, String outcome, String provider,
                 java.util.UUID credentialId, java.util.UUID sessionId, String clientAddress, String detail) {

        static Entry of(AuditEvent e, Instant now) {
            Instant at = (e.occurredAt() != null ? e.occurredAt() : now).truncatedTo(ChronoUnit.MICROS);
            return new Entry(at, e.userId(), e.operation(), e.outcome().name(), e.provider(), e.credentialId(),
                    e.sessionId(), truncate(e.clientAddress(), 64), truncate(e.detail(), 200));
        }

        String hash(String prevHash) {
            return AuditHash.of(occurredAt, userId, operation, outcome, provider, credentialId, sessionId,
                    clientAddress, detail, prevHash);
        }

        private static String truncate(String s, int max) {
            if (s == null || s.length() <= max) {
                return s;
            }
            // never half a surrogate pair: it would not survive the round trip through the database unchanged
            return s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
        }
    }
}
