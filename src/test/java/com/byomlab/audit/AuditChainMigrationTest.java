package com.byomlab.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Entries written before the chain existed are chained by migration V33, from the genesis hash, in id order. */
class AuditChainMigrationTest {

    @TempDir
    Path dir;

    @Test
    void entriesFromBeforeTheChainAreChainedAndNewOnesFollowThem() throws Exception {
        FreshDatabase db = FreshDatabase.create(dir, "auditmig");
        db.migrate("31");
        UUID user = UUID.randomUUID();
        try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement("""
                INSERT INTO audit_events (occurred_at, user_id, operation, outcome, provider, credential_id,
                                          session_id, client_address, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < 2500; i++) { // more than one page of the migration and of the verifier
                insert.setObject(1, OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).plusSeconds(i)
                        .plusNanos(i * 1000L));
                insert.setObject(2, i % 7 == 0 ? null : user);
                insert.setString(3, "legacy.op");
                insert.setString(4, "SUCCESS");
                insert.setString(5, i % 2 == 0 ? "openai" : null);
                insert.setObject(6, i % 3 == 0 ? UUID.randomUUID() : null);
                insert.setObject(7, null);
                insert.setString(8, "192.0.2." + (i % 250));
                insert.setString(9, i % 5 == 0 ? null : "entry " + i + " — ünïcode");
                insert.addBatch();
            }
            insert.executeBatch();
        }

        db.migrate(null);

        List<String> firstPrev = db.jdbc().sql("SELECT prev_hash FROM audit_events ORDER BY id LIMIT 1")
                .query(String.class).list();
        assertThat(firstPrev).containsExactly(AuditHash.GENESIS);
        AuditVerification migrated = db.verifier().verify();
        assertThat(migrated.intact()).as(migrated.summary()).isTrue();
        assertThat(migrated.entriesChecked()).isEqualTo(2500);
        assertThat(migrated.lastId()).isEqualTo(db.jdbc().sql("SELECT MAX(id) FROM audit_events")
                .query(Long.class).single());

        db.chain().append(List.of(AuditEvent.of(user, "after.migration", AuditEvent.Outcome.SUCCESS, null, null,
                null, null)));
        AuditVerification after = db.verifier().verify();
        assertThat(after.intact()).as(after.summary()).isTrue();
        assertThat(after.entriesChecked()).isEqualTo(2501);

        long tampered = db.jdbc().sql("SELECT id FROM audit_events ORDER BY id LIMIT 1 OFFSET 1700")
                .query(Long.class).single();
        db.jdbc().sql("UPDATE audit_events SET client_address = '203.0.113.9' WHERE id = ?").param(tampered).update();
        AuditVerification broken = db.verifier().verify();
        assertThat(broken.intact()).isFalse();
        assertThat(broken.firstBreak().id()).isEqualTo(tampered);
        assertThat(broken.entriesChecked()).isEqualTo(1700);
    }

    @Test
    void anEmptyLogStartsFromTheGenesis() throws Exception {
        FreshDatabase db = FreshDatabase.create(dir, "auditempty");
        db.migrate(null);
        AuditVerification empty = db.verifier().verify();
        assertThat(empty.intact()).isTrue();
        assertThat(empty.lastId()).isZero();
        assertThat(empty.lastHash()).isEqualTo(AuditHash.GENESIS);

        db.chain().append(List.of(AuditEvent.of(null, "first", AuditEvent.Outcome.SUCCESS, null, null, null, null)));
        assertThat(db.jdbc().sql("SELECT prev_hash FROM audit_events").query(String.class).single())
                .isEqualTo(AuditHash.GENESIS);
        assertThat(db.verifier().verify().intact()).isTrue();

        // the only entry deleted: the chain head still names it
        db.jdbc().sql("DELETE FROM audit_events").update();
        AuditVerification deleted = db.verifier().verify();
        assertThat(deleted.intact()).isFalse();
        assertThat(deleted.firstBreak().kind()).isEqualTo(AuditVerification.DELETED_AT_END);
    }

    /**
     * What the chain alone cannot see, an anchor does: the log rewritten from some entry on with every hash
     * recomputed (head included), or cut back with the head moved back, verifies as intact, but not against a head
     * recorded before.
     */
    @Test
    void anAnchorRecordedEarlierExposesARewrittenOrCutBackLog() throws Exception {
        FreshDatabase db = FreshDatabase.create(dir, "auditanchor");
        db.migrate(null);
        UUID user = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            db.chain().append(List.of(AuditEvent.of(user, "op", AuditEvent.Outcome.SUCCESS, null, null, null,
                    "entry " + i)));
        }
        AuditVerification first = db.verifier().verify();
        AuditVerification.Anchor anchor = AuditVerification.Anchor.parse(first.lastId() + ":" + first.lastHash())
                .orElseThrow();
        for (int i = 3; i < 5; i++) {
            db.chain().append(List.of(AuditEvent.of(user, "op", AuditEvent.Outcome.SUCCESS, null, null, null,
                    "entry " + i)));
        }
        assertThat(db.verifier().verify(anchor).intact()).as("the log grew: it still holds the anchor").isTrue();

        // rewrite entry 1 on, recomputing every hash and the head, as someone with the table and this code could
        List<Long> ids = db.jdbc().sql("SELECT id FROM audit_events ORDER BY id").query(Long.class).list();
        String prev = db.jdbc().sql("SELECT entry_hash FROM audit_events WHERE id = ?").param(ids.get(0))
                .query(String.class).single();
        for (long id : ids.subList(1, ids.size())) {
            var row = db.jdbc().sql("SELECT occurred_at, detail FROM audit_events WHERE id = ?").param(id)
                    .query((rs, n) -> new Object[]{rs.getObject("occurred_at", java.time.OffsetDateTime.class),
                            rs.getString("detail")}).single();
            String detail = "rewritten " + row[1];
            String hash = AuditHash.of(((java.time.OffsetDateTime) row[0]).toInstant(), user, "op", "SUCCESS", null,
                    null, null, null, detail, prev);
            db.jdbc().sql("UPDATE audit_events SET detail = ?, prev_hash = ?, entry_hash = ? WHERE id = ?")
                    .params(detail, prev, hash, id).update();
            prev = hash;
        }
        db.jdbc().sql("UPDATE audit_chain_head SET last_hash = ? WHERE id = 1").param(prev).update();
        assertThat(db.verifier().verify().intact()).as("consistent in itself").isTrue();
        AuditVerification rewritten = db.verifier().verify(anchor);
        assertThat(rewritten.intact()).isFalse();
        assertThat(rewritten.firstBreak().id()).isEqualTo(anchor.id());
        assertThat(rewritten.firstBreak().kind()).isEqualTo(AuditVerification.REWRITTEN);

        // cut back to the first entry, head moved back with it
        db.jdbc().sql("DELETE FROM audit_events WHERE id > ?").param(ids.get(0)).update();
        db.jdbc().sql("UPDATE audit_chain_head SET last_id = ?, last_hash = (SELECT entry_hash FROM audit_events "
                + "WHERE id = ?) WHERE id = 1").params(ids.get(0), ids.get(0)).update();
        assertThat(db.verifier().verify().intact()).isTrue();
        AuditVerification cut = db.verifier().verify(anchor);
        assertThat(cut.firstBreak().id()).isEqualTo(anchor.id());
        assertThat(cut.firstBreak().kind()).isEqualTo(AuditVerification.REWRITTEN);
    }
}
