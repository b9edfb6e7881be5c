package com.byomlab.vault;

import java.time.Instant;
import java.util.UUID;

/**
 * A credential as its owner sees it: the key only masked (for an AWS access key pair, the access key id only).
 *
 * @param region bedrock only: the AWS region its models are called in
 */
public record CredentialView(UUID id, String provider, String modelName, String label, String apiKeyMasked,
                             String baseUrl, String apiVersion, boolean isDefault, boolean isActive,
                             Instant createdAt, Instant updatedAt, Instant lastUsedAt, Instant lastValidatedAt,
                             String region) {
}
