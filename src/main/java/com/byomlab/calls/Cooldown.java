package com.byomlab.calls;

import java.time.Instant;
import java.util.UUID;

/**
 * A credential that failed in a way that moves calls on (rate limited, out of credit, key refused, provider down,
 * timeout, network) and is skipped by fallback orders until {@code until}.
 *
 * @param failures failures in a row; each one doubles the wait, up to {@code byom.fallback.cooldown.max}
 * @param reason   the error code of the last failure, e.g. "rate_limited"
 */
public record Cooldown(UUID credentialId, int failures, String reason, Instant failedAt, Instant until) {

    public boolean activeAt(Instant now) {
        return now.isBefore(until);
    }
}
