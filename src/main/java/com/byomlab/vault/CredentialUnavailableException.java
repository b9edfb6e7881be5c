package com.byomlab.vault;

import java.util.UUID;

/** The credential a session asked for cannot serve it. Carries ids and a reason, never key material. */
public class CredentialUnavailableException extends Exception {

    public enum Reason { NOT_FOUND, DELETED, UNREADABLE }

    private final Reason reason;

    CredentialUnavailableException(UUID credentialId, Reason reason) {
        super("credential " + credentialId + " is unavailable: " + reason, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
