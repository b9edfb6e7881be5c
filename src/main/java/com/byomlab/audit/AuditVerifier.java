package com.byomlab.audit;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Walks the audit log in id order and checks the hash chain ({@link AuditHash}): each entry's fields against its
 * own hash (an edit), its previous hash against the entry before it (a deletion), and the last entry against the
 * chain head (a deletion at the end). Stops at the first broken entry. Reads one snapshot (repeatable read), so
 * entries appended while it runs are neither seen nor mistaken for damage.
 */
@Service
public class AuditVerifier {

    private static final int PAGE = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;

    AuditVerifier(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    public AuditVerification verify() {
        return verify(null);
    }

    /**
     * Also checks that the log still holds {@code anchor}, a chain head recorded earlier (id and hash): the one thing
     * that exposes a log rewritten wholesale, hashes included, since that head was taken.
     */
    public AuditVerification verify(AuditVerification.Anchor anchor) {
        return snapshot.execute(status -> walk(anchor));
    }

    private AuditVerification walk(AuditVerification.Anchor anchor) {
        Head head = jdbc.sql("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1")
                .query((rs, n) -> new Head(rs.getLong("last_id"), rs.getString("last_hash"))).optional()
                .orElse(new Head(0, null));
        long checked = 0;
        Row before = null;
        while (true) {
            List<Row> page = jdbc.sql("""
                    SELECT id, occurred_at, user_id, operation, outcome, provider, credential_id, session_id,
                           client_address, detail, prev_hash, entry_hash
                    FROM audit_events WHERE id > ? ORDER BY id LIMIT ?""")
                    .params(before == null ? Long.MIN_VALUE : before.id(), PAGE).query(AuditVerifier::row).list();
            for (Row row : page) {
                AuditVerification.Break broken = check(row, before, head);
                if (broken == null && anchor != null && row.id() == anchor.id()
                        && !row.entryHash().equals(anchor.hash())) {
                    broken = new AuditVerification.Break(row.id(), row.occurredAt(), AuditVerification.REWRITTEN,
                            "Entry #" + row.id() + " is not the entry recorded earlier (its hash differs from the "
                                    + "anchor): the log was rewritten, hashes included.");
                }
                if (broken != null) {
                    return new AuditVerification(false, checked, head.lastId(), head.lastHash(), broken);
                }
                checked++;
                before = row;
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        AuditVerification.Break end = checkEnd(before, head);
        if (end == null && anchor != null && (before == null || anchor.id() > before.id()
                || !idPresent(anchor.id()))) {
            end = new AuditVerification.Break(anchor.id(), null, AuditVerification.REWRITTEN, "Entry #" + anchor.id()
                    + ", recorded earlier as part of the log, is not in it: the log was cut back or rewritten, "
                    + "hashes included.");
        }
        return new AuditVerification(end == null, checked, head.lastId(), head.lastHash(), end);
    }

    private boolean idPresent(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    private static AuditVerification.Break check(Row row, Row before, Head head) {
        if (head.lastHash() == null) {
            return new AuditVerification.Break(row.id(), row.occurredAt(), AuditVerification.UNCHAINED,
                    "The chain head (table audit_chain_head) is missing, so no entry can be checked against it: "
                            + "it was deleted.");
        }
        if (row.prevHash() == null || row.entryHash() == null) {
            return new AuditVerification.Break(row.id(), row.occurredAt(), AuditVerification.UNCHAINED,
                    "Entry #" + row.id() + " has no hash: it was not written by the service's audit log, or its "
                            + "hash was removed.");
        }
        if (row.id() > head.lastId()) {
            return new AuditVerification.Break(row.id(), row.occurredAt(), AuditVerification.AFTER_HEAD,
                    "Entry #" + row.id() + " comes after the chain head (entry #" + head.lastId() + "): it was "
                            + "inserted past the audit log, or the head was moved back.");
        }
        if (!row.hash().equals(row.entryHash())) {
            return new AuditVerification.Break(row.id(), row.occurredAt(), AuditVerification.EDITED,
                    "Entry #" + row.id() + " was edited: its fields do not match the hash it was written with.");
        }
        String expected = before == null ? AuditHash.GENESIS : before.entryHash();
        if (!row.prevHash().equals(expected)) {
            return new AuditVerification.Break(row.id(), row.occurredAt(), AuditVerification.DELETED_BEFORE,
                    before == null
                            ? "Entry #" + row.id() + " is the first in the log but does not start the chain: the "
                            + "entries before it were deleted."
                            : "Entry #" + row.id() + " does not follow entry #" + before.id() + " (its previous hash "
                            + "is not that entry's hash): entries between #" + before.id() + " and #" + row.id()
                            + " were deleted, or #" + before.id() + " was rewritten together with its hash.");
        }
        return null;
    }

    private static AuditVerification.Break checkEnd(Row last, Head head) {
        long lastId = last == null ? 0 : last.id();
        String lastHash = last == null ? AuditHash.GENESIS : last.entryHash();
        if (head.lastHash() == null) {
            return new AuditVerification.Break(lastId, last == null ? null : last.occurredAt(),
                    AuditVerification.UNCHAINED, "The chain head (table audit_chain_head) is missing: it was deleted.");
        }
        if (head.lastId() > lastId) {
            return new AuditVerification.Break(head.lastId(), null, AuditVerification.DELETED_AT_END,
                    "The chain head names entry #" + head.lastId() + " as the last, but the log ends at "
                            + (last == null ? "no entry" : "entry #" + lastId) + ": the entries after it were deleted.");
        }
        if (!head.lastHash().equals(lastHash)) {
            return new AuditVerification.Break(lastId, last == null ? null : last.occurredAt(),
                    AuditVerification.EDITED, "Entry #" + lastId + " is not the entry the chain head recorded "
                    + "(its hash differs): it was rewritten together with its hash.");
        }
        return null;
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("user_id", UUID.class), rs.getString("operation"), rs.getString("outcome"),
                rs.getString("provider"), rs.getObject("credential_id", UUID.class),
                rs.getObject("session_id", UUID.class), rs.getString("client_address"), rs.getString("detail"),
                rs.getString("prev_hash"), rs.getString("entry_hash"));
    }

    private record Head(long lastId, String lastHash) {
    }

    private record Row(long id, Instant occurredAt, UUID userId, String operation, String outcome, String provider,
                       UUID credentialId, UUID sessionId, String clientAddress, String detail, String prevHash,
                       String entryHash) {

        String hash() {
            return AuditHash.of(occurredAt, userId, operation, outcome, provider, credentialId, sessionId,
                    clientAddress, detail, prevHash);
        }
    }
}
