package com.byomlab.agent;

import com.byomlab.calls.CallRoute;

import java.util.UUID;

/** A model a session ran on: its provider, the model, and the credential (null: the system default). */
public record ModelUsed(String provider, String model, UUID credentialId) {

    static ModelUsed of(CallRoute route) {
        return new ModelUsed(route.provider().id(), route.model(), route.credentialId());
    }
}
