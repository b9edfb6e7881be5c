package com.byomlab.ui;

import com.byomlab.gateway.TokenRequests.TokenView;

import java.util.Map;
import java.util.UUID;

/** One access token as its owner's list shows it: masked, never the secret. */
record TokenRow(UUID id, String name, String masked, String boundTo, String created, String expires, boolean expired,
                String lastUsed) {

    static TokenRow of(TokenView t, Map<UUID, CredentialRow> credentials) {
        return new TokenRow(t.id(), t.name(), t.tokenMasked(), boundTo(t.credentialId(), credentials),
                Format.time(t.createdAt()), t.expiresAt() == null ? "never" : Format.time(t.expiresAt()), t.expired(),
                Format.time(t.lastUsedAt()));
    }

    static String boundTo(UUID credentialId, Map<UUID, CredentialRow> credentials) {
        if (credentialId == null) {
            return "Your default credential";
        }
        CredentialRow c = credentials.get(credentialId);
        return c == null ? "A credential no longer stored" : c.title();
    }
}
