package com.byomlab.gateway;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of personal_access_tokens: never the token itself, only its hash (kept in the repository) and last four
 * characters for the masked display.
 *
 * @param credentialId the bound credential; null means the owner's default credential at each call
 */
record AccessToken(UUID id, UUID userId, String name, String last4, UUID credentialId, Instant createdAt,
                   Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    String masked() {
        return TokenSecrets.PREFIX + "..." + last4;
    }
}
