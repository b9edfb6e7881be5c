package com.byomlab.health;

import com.byomlab.calls.Cooldown;

import java.time.Instant;
import java.util.UUID;

/**
 * One of the owner's credentials over the window: its calls, how many failed (any error but a refused request), their
 * latency, and its cooldown if it is cooling down now.
 */
public record CredentialHealth(UUID credentialId, String provider, long calls, long errors, double errorRate,
                               Long avgLatencyMs, CooldownView cooldown) {

    /** Skipped by fallback orders until {@code until}, after {@code failures} failures in a row. */
    public record CooldownView(String reason, int failures, Instant until) {

        static CooldownView of(Cooldown c) {
            return c == null ? null : new CooldownView(c.reason(), c.failures(), c.until());
        }
    }
}
