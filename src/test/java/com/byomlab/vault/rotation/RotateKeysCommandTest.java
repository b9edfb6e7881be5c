package com.byomlab.vault.rotation;

import com.byomlab.keyring.MasterKeyRing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java … rotate-keys}: the same job as the service's, run to the end, with a summary and an exit code. */
class RotateKeysCommandTest {

    @TempDir
    Path dir;

    @Test
    void rotatesEverythingPrintsASummaryAndExitsZero() throws Exception {
        byte[] keyA = StoredKeys.newKey();
        byte[] keyB = StoredKeys.newKey();
        RotationDatabase db = RotationDatabase.fresh(dir);
        Map<UUID, String> seeded = StoredKeys.seed(db, 200, keyA);

        try (ServiceProcess command = ServiceProcess.command(dir, "rotate", StoredKeys.base64(keyB),
                StoredKeys.base64(keyA), db.serviceArguments())) {
            assertThat(command.awaitExit(Duration.ofSeconds(60))).as(command.tail()).isZero();
            assertThat(command.output()).contains("re-encrypted:            200", "already current:         0",
                    "unreadable:              0", "remaining under old keys: 0", "ENCRYPTION_OLD_KEYS is no longer needed");
        }
        MasterKeyRing newKeyOnly = StoredKeys.ringOf(keyB);
        for (StoredKeys.Row row : StoredKeys.rows(db)) {
            assertThat(StoredKeys.open(newKeyOnly, row)).isEqualTo(seeded.get(row.id()));
        }

        // again: nothing to do is success too
        try (ServiceProcess again = ServiceProcess.command(dir, "again", StoredKeys.base64(keyB), null,
                db.serviceArguments())) {
            assertThat(again.awaitExit(Duration.ofSeconds(60))).as(again.tail()).isZero();
            assertThat(again.output()).contains("re-encrypted:            0", "already current:         200");
        }
    }

    /**
     * One ciphertext corrupted, one under a key that was dropped from ENCRYPTION_OLD_KEYS too early: both
     * are named by id, kept byte for byte, and the command fails; everything else is rotated. The service
     * still starts on that database and says so loudly.
     */
    @Test
    void unreadableValuesAreReportedByIdKeptAndFailTheCommand() throws Exception {
        byte[] keyA = StoredKeys.newKey();
        byte[] keyB = StoredKeys.newKey();
        byte[] forgotten = StoredKeys.newKey();
        RotationDatabase db = RotationDatabase.fresh(dir);
        Map<UUID, String> seeded = StoredKeys.seed(db, 30, keyA);
        List<StoredKeys.Row> before = StoredKeys.rows(db);
        StoredKeys.Row corrupted = before.get(3);
        byte[] flipped = corrupted.ciphertext().clone();
        flipped[flipped.length - 1] ^= 0x01;
        StoredKeys.replace(db, corrupted.id(), flipped, corrupted.keyId());
        StoredKeys.Row orphan = before.get(17);
        byte[] underForgottenKey = StoredKeys.ringOf(forgotten).encrypt("sk-orphan".getBytes(),
                com.byomlab.vault.CredentialSealing.associatedData(orphan.userId(), orphan.id()));
        StoredKeys.replace(db, orphan.id(), underForgottenKey, StoredKeys.idOf(forgotten));

        try (ServiceProcess command = ServiceProcess.command(dir, "rotate", StoredKeys.base64(keyB),
                StoredKeys.base64(keyA), db.serviceArguments())) {
            assertThat(command.awaitExit(Duration.ofSeconds(60))).as(command.tail()).isEqualTo(2);
            assertThat(command.output()).contains("re-encrypted:            28", "unreadable:              2",
                    "credential " + corrupted.id(), "credential " + orphan.id(), "remaining under old keys: 2",
                    "NOT DONE");
        }
        assertKept(db, corrupted.id(), flipped);
        assertKept(db, orphan.id(), underForgottenKey);
        MasterKeyRing newKeyOnly = StoredKeys.ringOf(keyB);
        for (StoredKeys.Row row : StoredKeys.rows(db)) {
            if (!row.id().equals(corrupted.id()) && !row.id().equals(orphan.id())) {
                assertThat(StoredKeys.open(newKeyOnly, row)).isEqualTo(seeded.get(row.id()));
            }
        }
        assertThat(StoredKeys.rotationAudit(db)).containsEntry("key_rotation.unreadable", 2L)
                .containsEntry("key_rotation.completed", 1L);

        // the operator drops key A too: the service starts all the same, and says what is wrong and where to look
        try (ServiceProcess service = ServiceProcess.start(dir, "service", StoredKeys.base64(keyB), null,
                db.serviceArguments())) {
            service.awaitUp(Duration.ofSeconds(60));
            service.await(Duration.ofSeconds(20), "the start-up run to report", () -> {
                try {
                    return service.output().contains("Key rotation finished with 2 credential(s)");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            assertThat(service.output()).contains("2 stored credential(s) are encrypted under master key id(s)",
                    "GET /api/v1/admin/key-rotation", corrupted.id().toString(), orphan.id().toString());
        }
        assertKept(db, corrupted.id(), flipped);
        assertKept(db, orphan.id(), underForgottenKey);
        assertThat(StoredKeys.rows(db)).hasSize(30);
    }

    private static void assertKept(RotationDatabase db, UUID id, byte[] ciphertext) throws Exception {
        StoredKeys.Row row = StoredKeys.rows(db).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        assertThat(Arrays.equals(row.ciphertext(), ciphertext)).as("ciphertext of " + id + " untouched").isTrue();
    }
}
