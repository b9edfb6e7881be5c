package com.byomlab.vault;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import com.byomlab.llm.ApiKey;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * The vault's face to agent sessions. A key is decrypted only at the moment of an LLM call, for its
 * owner's session only (every lookup is scoped by the owner's id), and a deleted key is noticed at
 * the next call: the row is read for it, or (embedded H2 only) kept as stored, encrypted, until any write to the
 * credential or account tables (database/RowCache). A decrypted key is never kept.
 */
@Service
public class SessionCredentials {

    private final CredentialRepository credentials;
    private final ApiKeyCipher cipher;
    private final AuditLog audit;

    SessionCredentials(CredentialRepository credentials, ApiKeyCipher cipher, AuditLog audit) {
        this.credentials = credentials;
        this.cipher = cipher;
        this.audit = audit;
    }

    public UsableCredential describe(UUID userId, UUID credentialId) throws CredentialUnavailableException {
        return forCall(userId, credentialId).describe();
    }

    /** The owner's default credential, read once to be described and then called within one request. */
    public Optional<CallCredential> defaultForCall(UUID userId) {
        return credentials.findDefault(userId).map(c -> new CallCredential(c, this));
    }

    /** The owner's credential, read once to be described and then called within one request. */
    public CallCredential forCall(UUID userId, UUID credentialId) throws CredentialUnavailableException {
        return credentials.findActive(userId, credentialId).map(c -> new CallCredential(c, this))
                .orElseThrow(() -> new CredentialUnavailableException(credentialId,
                        CredentialUnavailableException.Reason.NOT_FOUND));
    }

    /**
     * Decrypts the key for one call of the owner's session and records the use. The caller closes the
     * key right after the call (try-with-resources).
     */
    public ApiKey open(UUID userId, UUID credentialId, UUID sessionId) throws CredentialUnavailableException {
        StoredCredential c = credentials.findActive(userId, credentialId).orElseThrow(() ->
                new CredentialUnavailableException(credentialId, CredentialUnavailableException.Reason.DELETED));
        return decrypt(c, sessionId);
    }

    /** The key of a row read by its owner's id (so {@code c.userId()} is the owner the ciphertext is bound to). */
    ApiKey decrypt(StoredCredential c, UUID sessionId) throws CredentialUnavailableException {
        try {
            ApiKey key = cipher.open(c.userId(), c.id(), c.encryptedApiKey());
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            if (LastUse.isStale(c.lastUsedAt(), now)) {
                credentials.markUsed(c.userId(), c.id(), now);
            }
            return key;
        } catch (ApiKeyCipher.UnreadableKeyException e) {
            audit.record(AuditEvent.of(c.userId(), "credential.decrypt", AuditEvent.Outcome.FAILURE, c.provider().id(),
                    c.id(), null, "unreadable").withSession(sessionId));
            throw new CredentialUnavailableException(c.id(), CredentialUnavailableException.Reason.UNREADABLE);
        }
    }
}
