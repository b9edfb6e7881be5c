package com.byomlab.vault;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditEvent.Outcome;
import com.byomlab.audit.AuditLog;
import com.byomlab.keyring.MasterKeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Re-encrypts every active credential under the current master key, in batches in id order.
 * <p>
 * The job keeps no state of its own: a row's {@code encryption_key_id} says whether it is done. Each
 * row is replaced by a compare-and-set on the exact ciphertext that was read, so a kill -9 at any
 * point leaves every row either old-and-readable or new, a user's concurrent change always wins, and
 * several instances may run the job at once (each row is written by at most one). Resuming is
 * running again. A value that no key opens is logged with its id, counted, audited and left as it is.
 */
@Service
class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final CredentialRepository credentials;
    private final ApiKeyCipher cipher;
    private final MasterKeyRing ring;
    private final RotationRuns runs;
    private final RotationProgress progress;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final KeyRotationSettings settings;
    private final ReentrantLock oneRunAtATime = new ReentrantLock();
    /** Unreadable credentials already audited by this instance, so periodic runs do not flood the audit log. */
    private final Set<UUID> auditedUnreadable = ConcurrentHashMap.newKeySet();

    KeyRotation(CredentialRepository credentials, ApiKeyCipher cipher, MasterKeyRing ring, RotationRuns runs,
                RotationProgress progress, AuditLog audit, TransactionTemplate tx, KeyRotationSettings settings) {
        this.credentials = credentials;
        this.cipher = cipher;
        this.ring = ring;
        this.runs = runs;
        this.progress = progress;
        this.audit = audit;
        this.tx = tx;
        this.settings = settings;
    }

    long currentKeyId() {
        return Integer.toUnsignedLong(ring.primaryKeyId());
    }

    /** Active credentials per key id, straight from the database. */
    Map<Long, Long> countsByKeyId() {
        return credentials.activeCountsByKeyId();
    }

    long underOtherKeys(Map<Long, Long> counts) {
        long current = currentKeyId();
        return counts.entrySet().stream().filter(e -> e.getKey() != current).mapToLong(Map.Entry::getValue).sum();
    }

    /** Runs until a pass over the old rows changes nothing more; returns what it did. */
    RotationReport runToCompletion(String startedBy) throws InterruptedException {
        oneRunAtATime.lockInterruptibly();
        try {
            return run(startedBy);
        } finally {
            oneRunAtATime.unlock();
        }
    }

    private RotationReport run(String startedBy) throws InterruptedException {
        Instant startedAt = Instant.now();
        long target = currentKeyId();
        Map<Long, Long> before = countsByKeyId();
        long alreadyCurrent = before.getOrDefault(target, 0L);
        long underOld = underOtherKeys(before);
        progress.counted(underOld);
        if (underOld == 0) {
            RotationReport nothing = new RotationReport(startedBy, target, alreadyCurrent, 0, 0, List.of(), 0,
                    startedAt, Instant.now());
            progress.finished(nothing);
            return nothing;
        }
        progress.started();
        UUID runId = runs.start(startedBy, target);
        audit.record(AuditEvent.of(null, "key_rotation.started", Outcome.SUCCESS, null, null, null,
                "by=" + startedBy + " target_key=" + target + " under_old_keys=" + underOld
                        + " already_current=" + alreadyCurrent));
        log.info("Key rotation started ({}): {} credential(s) to re-encrypt under key id {}", startedBy, underOld,
                target);
        Tally tally = new Tally();
        try {
            while (pass(runId, target, tally) > 0) {
                // again: rows written under an old key behind the cursor (an instance on the old configuration)
            }
        } catch (InterruptedException | RuntimeException e) {
            progress.aborted();
            throw e;
        }
        long remaining = underOtherKeys(countsByKeyId());
        runs.finish(runId, tally.reencrypted, tally.unreadable.size(), remaining);
        RotationReport report = new RotationReport(startedBy, target, alreadyCurrent, tally.reencrypted,
                tally.changedConcurrently, new ArrayList<>(tally.unreadable), remaining, startedAt, Instant.now());
        progress.finished(report);
        audit.record(AuditEvent.of(null, "key_rotation.completed", remaining == 0 ? Outcome.SUCCESS : Outcome.FAILURE,
                null, null, null, "target_key=" + target + " reencrypted=" + tally.reencrypted + " unreadable="
                        + tally.unreadable.size() + " changed_meanwhile=" + tally.changedConcurrently
                        + " remaining=" + remaining));
        if (tally.unreadable.isEmpty()) {
            log.info("Key rotation finished: {} re-encrypted, {} left under old keys", tally.reencrypted, remaining);
        } else {
            log.error("Key rotation finished with {} credential(s) that no configured master key can decrypt; they "
                    + "are kept untouched and stay under their old key: {}. See GET /api/v1/admin/key-rotation. "
                    + "{} re-encrypted, {} left under old keys.", tally.unreadable.size(), firstIds(tally.unreadable),
                    tally.reencrypted, remaining);
        }
        return report;
    }

    /** One walk over the rows not under the current key; returns how many it re-encrypted. */
    private long pass(UUID runId, long target, Tally tally) throws InterruptedException {
        long before = tally.reencrypted;
        UUID cursor = null;
        List<StoredCredential> batch;
        while (!(batch = credentials.activeNotUnderKey(target, cursor, settings.batchSize())).isEmpty()) {
            cursor = batch.get(batch.size() - 1).id();
            List<Replacement> replacements = new ArrayList<>();
            for (StoredCredential row : batch) {
                if (tally.unreadable.contains(row.id())) {
                    continue; // tried in an earlier pass of this run
                }
                try {
                    replacements.add(new Replacement(row, cipher.reseal(row.userId(), row.id(), row.encryptedApiKey())));
                } catch (ApiKeyCipher.UnreadableKeyException e) {
                    tally.unreadable.add(row.id());
                    auditUnreadable(row);
                }
            }
            // one transaction per batch: a crash rolls back at most this batch, whose rows stay readable
            int swapped = tx.execute(status -> {
                int n = 0;
                for (Replacement r : replacements) {
                    if (credentials.swapCiphertext(r.row.userId(), r.row.id(), r.row.encryptedApiKey(),
                            r.row.encryptionKeyId(), r.sealed.ciphertext(), r.sealed.keyId())) {
                        n++;
                    }
                }
                return n;
            });
            tally.reencrypted += swapped;
            tally.changedConcurrently += replacements.size() - swapped;
            progress.reencrypted(swapped);
            runs.heartbeat(runId, tally.reencrypted, tally.unreadable.size());
            if (!settings.pauseBetweenBatches().isZero()) {
                Thread.sleep(settings.pauseBetweenBatches().toMillis());
            }
        }
        return tally.reencrypted - before;
    }

    /** Keeps one log line readable; the endpoint and the command list them all. */
    private static String firstIds(Set<UUID> ids) {
        String shown = ids.stream().limit(100).map(UUID::toString).collect(Collectors.joining(", "));
        return ids.size() > 100 ? shown + " … and " + (ids.size() - 100) + " more" : shown;
    }

    private void auditUnreadable(StoredCredential row) {
        if (auditedUnreadable.add(row.id())) {
            audit.record(AuditEvent.of(row.userId(), "key_rotation.unreadable", Outcome.FAILURE, row.provider().id(),
                    row.id(), null, "key_id=" + row.encryptionKeyId()));
        }
    }

    private record Replacement(StoredCredential row, ApiKeyCipher.Sealed sealed) {
    }

    private static final class Tally {
        long reencrypted;
        long changedConcurrently;
        final Set<UUID> unreadable = new LinkedHashSet<>();
    }
}
