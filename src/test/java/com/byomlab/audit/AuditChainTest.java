package com.byomlab.audit;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log's hash chain on the suite's database (H2, or PostgreSQL with -Ppostgres): rows edited or deleted
 * behind the service's back, through JDBC, are found and named; every test puts the rows back as they were, since
 * the database is shared with the rest of the suite.
 */
class AuditChainTest extends ApiIntegrationTest {

    @Autowired
    AuditLog audit;
    @Autowired
    AuditVerifier verifier;
    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anUntouchedLogVerifiesAndTheAdminEndpointSaysSo() {
        List<Long> ids = threeEntries();
        String admin = api.newAdmin(jdbc);

        ApiClient.Response r = api.get("/api/v1/admin/audit/verify", admin);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("intact").asBoolean()).isTrue();
        assertThat(r.json().has("first_break")).isFalse();
        assertThat(r.json().path("entries_checked").asLong()).isGreaterThanOrEqualTo(3);
        long lastId = r.json().path("last_id").asLong();
        assertThat(lastId).isGreaterThanOrEqualTo(ids.get(2));
        assertThat(r.json().path("last_hash").asString()).isEqualTo(
                jdbc.queryForObject("SELECT entry_hash FROM audit_events WHERE id = ?", String.class, lastId));

        assertThat(api.get("/api/v1/admin/audit/verify", api.newUser()).status()).isEqualTo(403);
    }

    @Test
    void anEditedEntryIsNamed() {
        List<Long> ids = threeEntries();
        long middle = ids.get(1);
        Stored original = stored(middle);
        jdbc.update("UPDATE audit_events SET detail = 'nothing to see here' WHERE id = ?", middle);
        try {
            AuditVerification result = verifier.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBreak().id()).isEqualTo(middle);
            assertThat(result.firstBreak().kind()).isEqualTo(AuditVerification.EDITED);
            assertThat(result.firstBreak().occurredAt()).isEqualTo(original.occurredAt());
            assertThat(result.firstBreak().message()).contains("#" + middle, "edited");

            ApiClient.Response r = api.get("/api/v1/admin/audit/verify", api.newAdmin(jdbc));
            assertThat(r.json().path("intact").asBoolean()).isFalse();
            assertThat(r.json().path("first_break").path("id").asLong()).isEqualTo(middle);
            assertThat(r.json().path("first_break").path("kind").asString()).isEqualTo("edited");
        } finally {
            jdbc.update("UPDATE audit_events SET detail = ? WHERE id = ?", original.detail(), middle);
        }
        assertThat(verifier.verify().intact()).as("put back as it was").isTrue();
    }

    @Test
    void anEditedTimeOrOutcomeIsFoundToo() {
        List<Long> ids = threeEntries();
        long first = ids.get(0);
        Stored original = stored(first);
        jdbc.update("UPDATE audit_events SET outcome = 'SUCCESS' WHERE id = ?", first);
        try {
            assertThat(verifier.verify().firstBreak().id()).isEqualTo(first);
        } finally {
            jdbc.update("UPDATE audit_events SET outcome = ? WHERE id = ?", original.outcome(), first);
        }
        jdbc.update("UPDATE audit_events SET occurred_at = ? WHERE id = ?",
                original.occurredAtColumn().minusSeconds(1), first);
        try {
            assertThat(verifier.verify().firstBreak().id()).isEqualTo(first);
        } finally {
            jdbc.update("UPDATE audit_events SET occurred_at = ? WHERE id = ?", original.occurredAtColumn(), first);
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void aDeletedEntryIsFoundAtTheEntryAfterIt() {
        List<Long> ids = threeEntries();
        Stored middle = stored(ids.get(1));
        jdbc.update("DELETE FROM audit_events WHERE id = ?", middle.id());
        try {
            AuditVerification result = verifier.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBreak().id()).isEqualTo(ids.get(2));
            assertThat(result.firstBreak().kind()).isEqualTo(AuditVerification.DELETED_BEFORE);
            assertThat(result.firstBreak().message()).contains("#" + ids.get(0), "deleted");
        } finally {
            putBack(middle);
        }
        assertThat(verifier.verify().intact()).as("put back as it was").isTrue();
    }

    @Test
    void entriesDeletedAtTheEndAreFoundThroughTheChainHead() {
        List<Long> ids = threeEntries();
        List<Stored> tail = jdbc.query("SELECT id FROM audit_events WHERE id >= ? ORDER BY id",
                (rs, n) -> rs.getLong(1), ids.get(1)).stream().map(this::stored).toList();
        jdbc.update("DELETE FROM audit_events WHERE id >= ?", ids.get(1));
        try {
            AuditVerification result = verifier.verify();
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBreak().kind()).isEqualTo(AuditVerification.DELETED_AT_END);
            assertThat(result.firstBreak().id()).isEqualTo(tail.get(tail.size() - 1).id());
            assertThat(result.firstBreak().message()).contains("#" + ids.get(0));
        } finally {
            tail.forEach(this::putBack);
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    /**
     * What the chain alone does not stop: a row rewritten together with a freshly computed hash passes its own
     * check, and is caught only because the next entry still carries the old hash.
     */
    @Test
    void anEntryRewrittenWithANewHashBreaksTheLinkOfTheNextOne() {
        List<Long> ids = threeEntries();
        Stored original = stored(ids.get(1));
        String forged = AuditHash.of(original.occurredAt(), original.userId(), original.operation(),
                original.outcome(), original.provider(), original.credentialId(), original.sessionId(),
                original.clientAddress(), "forged", original.prevHash());
        jdbc.update("UPDATE audit_events SET detail = 'forged', entry_hash = ? WHERE id = ?", forged, original.id());
        try {
            AuditVerification result = verifier.verify();
            assertThat(result.firstBreak().id()).isEqualTo(ids.get(2));
            assertThat(result.firstBreak().kind()).isEqualTo(AuditVerification.DELETED_BEFORE);
            assertThat(result.firstBreak().message()).contains("rewritten together with its hash");
        } finally {
            jdbc.update("UPDATE audit_events SET detail = ?, entry_hash = ? WHERE id = ?", original.detail(),
                    original.entryHash(), original.id());
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void oneAppendOfSeveralEventsIsChainedInListOrder() {
        UUID user = UUID.randomUUID();
        Instant happened = Instant.parse("2026-12-01T10:15:30.123456789Z");
        audit.recordAll(List.of(
                new AuditEvent(0, happened, user, "batch.one", AuditEvent.Outcome.SUCCESS, null, null, null, null,
                        "first"),
                AuditEvent.of(user, "batch.two", AuditEvent.Outcome.DENIED, "openai", UUID.randomUUID(), "10.0.0.1",
                        "second ✓ ünïcode"),
                AuditEvent.of(user, "batch.three", AuditEvent.Outcome.FAILURE, null, null, null, null)));
        List<Stored> rows = jdbc.query("SELECT id FROM audit_events WHERE user_id = ? ORDER BY id",
                (rs, n) -> rs.getLong(1), user).stream().map(this::stored).toList();
        assertThat(rows).extracting(Stored::operation).containsExactly("batch.one", "batch.two", "batch.three");
        assertThat(rows.get(0).occurredAt()).as("a given time is kept, to the microsecond")
                .isEqualTo(Instant.parse("2026-12-01T10:15:30.123456Z"));
        assertThat(rows.get(1).prevHash()).isEqualTo(rows.get(0).entryHash());
        assertThat(rows.get(2).prevHash()).isEqualTo(rows.get(1).entryHash());
        assertThat(verifier.verify().intact()).isTrue();
    }

    /**
     * Two chains with locks of their own, as two instances have: only the database's lock on the head row keeps
     * their appends in one line.
     */
    @Test
    void concurrentAppendsOfTwoInstancesKeepOneUnbrokenChain() throws Exception {
        UUID user = UUID.randomUUID();
        AuditChain otherInstance = new AuditChain(new JdbcTemplate(dataSource), transactions);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        AuditEvent e = AuditEvent.of(user, "concurrent", AuditEvent.Outcome.SUCCESS, null, null,
                                null, thread + "/" + i);
                        if (thread % 2 == 0) {
                            audit.record(e);
                        } else {
                            otherInstance.append(List.of(e));
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_events WHERE user_id = ?", Integer.class, user))
                .isEqualTo(120);
        AuditVerification result = verifier.verify();
        assertThat(result.intact()).as(result.summary()).isTrue();
    }

    /** Deleting an account keeps its audit entries (no key in any of them), so the chain stays whole. */
    @Test
    void anAccountDeletionKeepsItsEntriesAndTheChainWhole() {
        String token = api.newUser();
        UUID id = UUID.fromString(api.get("/api/v1/users/me", token).text("id"));
        api.post("/api/v1/users/me/tokens", token, java.util.Map.of("name", "laptop"));
        int before = jdbc.queryForObject("SELECT COUNT(*) FROM audit_events WHERE user_id = ?", Integer.class, id);
        assertThat(before).isPositive();

        assertThat(api.delete("/api/v1/users/me", token).status()).isEqualTo(204);

        assertThat(jdbc.queryForList("SELECT operation FROM audit_events WHERE user_id = ? ORDER BY id", String.class,
                id)).hasSize(before + 1).last().isEqualTo("account.delete");
        assertThat(verifier.verify().intact()).isTrue();
    }

    private List<Long> threeEntries() {
        UUID user = UUID.randomUUID();
        UUID credential = UUID.randomUUID();
        audit.record(AuditEvent.of(user, "credential.create", AuditEvent.Outcome.FAILURE, "openai", credential,
                "127.0.0.1", "invalid_key"));
        audit.record(AuditEvent.of(user, "credential.use", AuditEvent.Outcome.SUCCESS, "openai", credential, null,
                "gateway"));
        audit.record(AuditEvent.of(user, "credential.delete", AuditEvent.Outcome.SUCCESS, "openai", credential,
                "127.0.0.1", null));
        List<Long> ids = jdbc.queryForList("SELECT id FROM audit_events WHERE user_id = ? ORDER BY id", Long.class,
                user);
        assertThat(ids).hasSize(3);
        assertThat(verifier.verify().intact()).as("intact before the test changes anything").isTrue();
        return ids;
    }

    private Stored stored(long id) {
        return jdbc.queryForObject("SELECT * FROM audit_events WHERE id = ?", (rs, n) -> new Stored(rs.getLong("id"),
                rs.getObject("occurred_at", OffsetDateTime.class), rs.getObject("user_id", UUID.class),
                rs.getString("operation"), rs.getString("outcome"), rs.getString("provider"),
                rs.getObject("credential_id", UUID.class), rs.getObject("session_id", UUID.class),
                rs.getString("client_address"), rs.getString("detail"), rs.getString("prev_hash"),
                rs.getString("entry_hash")), id);
    }

    private void putBack(Stored row) {
        jdbc.update("""
                INSERT INTO audit_events (id, occurred_at, user_id, operation, outcome, provider, credential_id,
                                          session_id, client_address, detail, prev_hash, entry_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", row.id(), row.occurredAtColumn(), row.userId(),
                row.operation(), row.outcome(), row.provider(), row.credentialId(), row.sessionId(),
                row.clientAddress(), row.detail(), row.prevHash(), row.entryHash());
    }

    private record Stored(long id, OffsetDateTime occurredAtColumn, UUID userId, String operation, String outcome,
                          String provider, UUID credentialId, UUID sessionId, String clientAddress, String detail,
                          String prevHash, String entryHash) {
        Instant occurredAt() {
            return occurredAtColumn.toInstant();
        }
    }
}
