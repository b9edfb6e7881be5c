package com.byomlab.vault;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/admin/key-rotation}: where the stored credentials stand against the key ring. Ids
 * and counts only. {@code oldKeysStillNeeded} is false once ENCRYPTION_OLD_KEYS can be removed.
 */
public record KeyRotationStatus(long currentKeyId, List<Long> configuredKeyIds, List<KeyCount> credentialsByKey,
                         long remaining, boolean oldKeysStillNeeded, boolean running, Unreadable unreadable,
                         LastRun lastRun) {

    public record KeyCount(long keyId, long credentials, boolean current, boolean configured) {
    }

    /** As found by this instance's last run. */
    public record Unreadable(int count, List<UUID> credentialIds) {
    }

    /** The latest run of any instance. */
    public record LastRun(UUID id, String startedBy, String state, Instant startedAt, Instant heartbeatAt,
                   Instant finishedAt, long reencrypted, long unreadable, Long remaining) {
    }
}
