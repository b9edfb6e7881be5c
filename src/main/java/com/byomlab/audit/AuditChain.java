package com.byomlab.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The only writer of {@code audit_events}: appends entries to the hash chain ({@link AuditHash}). One append, of one
 * entry or a list, is one transaction of its own that locks the chain's head row ({@code audit_chain_head},
 * {@code SELECT … FOR UPDATE}), inserts the entries in list order, each carrying the hash of the one before, and moves
 * the head to the last. Instances sharing a database take turns on that row, so ids, and with them the chain's order,
 * follow the order of the appends; within one instance a lock queues appends before they reach the database.
 */
@Component
public class AuditChain {

    private static final String INSERT = """
            INSERT INTO audit_events (occurred_at, user_id, operation, outcome, provider, credential_id, session_id,
                                      client_address, detail, prev_hash, entry_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate ownTransaction;
    private final ReentrantLock local = new ReentrantLock(true);

    AuditChain(JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.batch = batch;
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
        String prev = jdbc.sql("SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query(String.class).optional()
                .orElseThrow(() -> new IllegalStateException("audit_chain_head has no row: the V33 migration made it"));
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            String hash = e.hash(prev);
            rows.add(new Object[]{OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC), e.userId(), e.operation(),
                    e.outcome(), e.provider(), e.credentialId(), e.sessionId(), e.clientAddress(), e.detail(), prev,
                    hash});
            prev = hash;
        }
        if (rows.size() == 1) {
            jdbc.sql(INSERT).params(rows.get(0)).update();
        } else {
            batch.batchUpdate(INSERT, rows);
        }
        // under the head's lock nobody else inserts: the largest id is this append's last entry
        long lastId = jdbc.sql("SELECT MAX(id) FROM audit_events").query(Long.class).single();
        jdbc.sql("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1").params(lastId, prev).update();
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
