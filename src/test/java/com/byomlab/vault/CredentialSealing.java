package com.byomlab.vault;

import java.util.UUID;

/** For tests outside this package that write or check ciphertexts the way the vault does. */
public final class CredentialSealing {

    private CredentialSealing() {
    }

    /** The associated data a credential's ciphertext is bound to (owner and row). */
    public static byte[] associatedData(UUID userId, UUID credentialId) {
        return ApiKeyCipher.associatedData(userId, credentialId);
    }
}
