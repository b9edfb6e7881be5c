package com.byomlab.vault;

import com.byomlab.keyring.MasterKeyRing;
import com.byomlab.web.ApiProblem;
import com.byomlab.web.CurrentUser;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Where the stored credentials stand against the key ring, for administrators (the API and the admin page). */
@Service
public class KeyRotationOverview {

    private final KeyRotation rotation;
    private final RotationProgress progress;
    private final RotationRuns runs;
    private final MasterKeyRing ring;
    private final MeterRegistry metrics;

    KeyRotationOverview(KeyRotation rotation, RotationProgress progress, RotationRuns runs, MasterKeyRing ring,
                        MeterRegistry metrics) {
        this.rotation = rotation;
        this.progress = progress;
        this.runs = runs;
        this.ring = ring;
        this.metrics = metrics;
    }

    /** @throws ApiProblem 403 for anyone but an administrator */
    public KeyRotationStatus status(CurrentUser user) {
        if (!user.admin()) {
            metrics.counter("byom.unauthorized.access.attempts", "kind", "forbidden").increment();
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Only an administrator can see the key rotation.");
        }
        long current = rotation.currentKeyId();
        List<Long> configured = ring.keyIds().stream().map(Integer::toUnsignedLong).sorted().toList();
        Map<Long, Long> counts = rotation.countsByKeyId();
        List<KeyRotationStatus.KeyCount> byKey = counts.entrySet().stream()
                .map(e -> new KeyRotationStatus.KeyCount(e.getKey(), e.getValue(), e.getKey() == current,
                        configured.contains(e.getKey())))
                .toList();
        long remaining = rotation.underOtherKeys(counts);
        List<UUID> unreadable = progress.unreadable();
        Instant now = Instant.now();
        KeyRotationStatus.LastRun last = runs.latest().map(r -> new KeyRotationStatus.LastRun(r.id(), r.startedBy(),
                r.state(now), r.startedAt(), r.heartbeatAt(), r.finishedAt(), r.reencrypted(), r.unreadable(),
                r.remaining())).orElse(null);
        return new KeyRotationStatus(current, configured, byKey, remaining, remaining > 0, progress.isRunning(),
                new KeyRotationStatus.Unreadable(unreadable.size(), unreadable), last);
    }
}
