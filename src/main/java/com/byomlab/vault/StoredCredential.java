package com.byomlab.vault;

import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderTarget;

import java.time.Instant;
import java.util.UUID;

/** A row of user_llm_credentials. The ciphertext never leaves this package. */
record StoredCredential(UUID id, UUID userId, Provider provider, String modelName, String label,
                        byte[] encryptedApiKey, Long encryptionKeyId, String apiKeyMasked, String baseUrl,
                        String apiVersion, boolean isDefault, boolean isActive, Instant createdAt, Instant updatedAt,
                        Instant lastUsedAt, Instant lastValidatedAt, String region) {

    UsableCredential usable() {
        return new UsableCredential(id, provider, modelName, baseUrl, apiVersion, region);
    }

    /** Where this credential's key is sent today. */
    ProviderTarget target() {
        return new ProviderTarget(provider, baseUrl, apiVersion, false, region);
    }

    CredentialView view() {
        return new CredentialView(id, provider.id(), modelName, label, apiKeyMasked, baseUrl, apiVersion, isDefault,
                isActive, createdAt, updatedAt, lastUsedAt, lastValidatedAt, region);
    }

    @Override
    public String toString() {
        return "StoredCredential[id=" + id + ", provider=" + provider.id() + "]"; // no key material, not even encrypted
    }
}
