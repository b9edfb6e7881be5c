package com.byomlab.ui;

import com.byomlab.vault.KeyRotationStatus;

import java.util.List;
import java.util.UUID;

/** The master-key rotation as the administrators' page shows it: counts and ids, never key material. */
record KeyRotationView(long currentKeyId, String configuredKeyIds, List<KeyRotationStatus.KeyCount> byKey,
                       long remaining, boolean oldKeysStillNeeded, boolean running, List<UUID> unreadable,
                       LastRun lastRun) {

    record LastRun(String startedBy, String state, String startedAt, String finishedAt, long reencrypted,
                   long unreadable, String remaining) {
    }

    static KeyRotationView of(KeyRotationStatus s) {
        KeyRotationStatus.LastRun r = s.lastRun();
        return new KeyRotationView(s.currentKeyId(), String.join(", ", s.configuredKeyIds().stream().map(String::valueOf)
                .toList()), s.credentialsByKey(), s.remaining(), s.oldKeysStillNeeded(), s.running(),
                s.unreadable().credentialIds(), r == null ? null : new LastRun(r.startedBy(), r.state(),
                Format.time(r.startedAt()), r.finishedAt() == null ? "—" : Format.time(r.finishedAt()), r.reencrypted(),
                r.unreadable(), r.remaining() == null ? "—" : r.remaining().toString()));
    }
}
