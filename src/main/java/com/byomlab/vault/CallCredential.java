package com.byomlab.vault;

import com.byomlab.llm.ApiKey;

import java.util.UUID;

/**
 * A credential read for a request that describes it and calls it right away (a gateway call): one database read
 * serves both, where {@link SessionCredentials#describe} and then {@link SessionCredentials#open} make two. The key
 * is still decrypted only by {@link #open}, at the moment of the call.
 */
public final class CallCredential {

    private final StoredCredential stored;
    private final UsableCredential usable;
    private final SessionCredentials vault;

    CallCredential(StoredCredential stored, SessionCredentials vault) {
        this.stored = stored;
        this.usable = stored.usable();
        this.vault = vault;
    }

    public UsableCredential describe() {
        return usable;
    }

    /** Decrypts the key for one call and records the use; the caller closes it right after the call. */
    public ApiKey open(UUID sessionId) throws CredentialUnavailableException {
        return vault.decrypt(stored, sessionId);
    }

    @Override
    public String toString() {
        return "CallCredential[id=" + usable.id() + ", provider=" + usable.provider().id() + "]";
    }
}
