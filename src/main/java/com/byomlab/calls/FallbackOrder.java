package com.byomlab.calls;

import java.util.List;
import java.util.UUID;

/**
 * Where a call goes when its credential fails in a way another credential can help with: the user's own credentials,
 * in order, then (only if the user opted in and the operator allows it) the system default. Empty: no fallback, the
 * call fails as it always did.
 */
public record FallbackOrder(List<UUID> credentialIds, boolean useSystemDefault) {

    public static final FallbackOrder NONE = new FallbackOrder(List.of(), false);

    public FallbackOrder {
        credentialIds = credentialIds == null ? List.of() : List.copyOf(credentialIds);
    }

    public boolean isEmpty() {
        return credentialIds.isEmpty() && !useSystemDefault;
    }
}
