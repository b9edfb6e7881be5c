package com.byomlab.calls;

import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderTarget;
import com.byomlab.vault.CallCredential;

import java.util.UUID;

/**
 * Where calls run: a credential of the user's (or the operator's system default), its provider, endpoint and the
 * model, decided once per request. Never the key. {@code row} is the credential as read for the current request:
 * the first call opens its key from that read; a route kept for later calls (a session's next turns) drops it, so
 * each later call reads the credential again and a deleted or rotated key takes effect at once. {@code fallback} says
 * where a call goes when this credential fails in a way another can help with (empty: nowhere, the call fails).
 */
public final class CallRoute {

    private final UUID credentialId;
    private final Provider provider;
    private final String model;
    private final ProviderTarget target;
    private final boolean simulated;
    private final CallCredential row;
    private final FallbackOrder fallback;

    CallRoute(UUID credentialId, Provider provider, String model, ProviderTarget target, boolean simulated,
              CallCredential row) {
        this(credentialId, provider, model, target, simulated, row, FallbackOrder.NONE);
    }

    private CallRoute(UUID credentialId, Provider provider, String model, ProviderTarget target, boolean simulated,
                      CallCredential row, FallbackOrder fallback) {
        this.credentialId = credentialId;
        this.provider = provider;
        this.model = model;
        this.target = target;
        this.simulated = simulated;
        this.row = row;
        this.fallback = fallback;
    }

    /** Null for the system default. */
    public UUID credentialId() {
        return credentialId;
    }

    public boolean usesUserKey() {
        return credentialId != null;
    }

    public Provider provider() {
        return provider;
    }

    /** The model calls run on; null on a route that only lists models. */
    public String model() {
        return model;
    }

    public ProviderTarget target() {
        return target;
    }

    /** True for demo mode's scripted stand-in model. */
    public boolean simulated() {
        return simulated;
    }

    /** The same route for a later call: the credential is read again then. */
    public CallRoute forLaterCalls() {
        return row == null ? this : new CallRoute(credentialId, provider, model, target, simulated, null, fallback);
    }

    /** Where calls go when this route's credential fails (an effective order: see {@link CallRoutes}). */
    public FallbackOrder fallback() {
        return fallback;
    }

    CallRoute withFallback(FallbackOrder order) {
        return new CallRoute(credentialId, provider, model, target, simulated, row, order == null ? FallbackOrder.NONE
                : order);
    }

    CallCredential row() {
        return row;
    }

    @Override
    public String toString() {
        return "CallRoute[credential=" + credentialId + ", provider=" + provider.id() + ", model=" + model
                + (fallback.isEmpty() ? "" : ", fallback=" + fallback) + "]";
    }
}
