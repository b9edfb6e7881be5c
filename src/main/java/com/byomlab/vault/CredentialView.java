package com.byomlab.vault;

import java.time.Instant;
import java.util.UUID;

/** A credential as its owner sees it: the key only masked. */
public record CredentialView(UUID id, String provider, String modelName, String label, String apiKeyMasked,
                             String baseUrl, String apiVersion, boolean isDefault, boolean isActive,
                             Instant createdAt, Instant updatedAt, Instant lastUsedAt, Instant lastValidatedAt) {
}
