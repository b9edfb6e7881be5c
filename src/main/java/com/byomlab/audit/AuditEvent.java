package com.byomlab.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One audited operation. Holds ids, names and outcomes only: there is deliberately no field that
 * could carry a key, in any form.
 */
public record AuditEvent(long id, Instant occurredAt, UUID userId, String operation, Outcome outcome,
                         String provider, UUID credentialId, UUID sessionId, String clientAddress, String detail) {

    public enum Outcome { SUCCESS, FAILURE, DENIED }

    /** A new event to record; {@code detail} is a short reason code such as {@code invalid_key}. */
    public static AuditEvent of(UUID userId, String operation, Outcome outcome, String provider, UUID credentialId,
                                String clientAddress, String detail) {
        return new AuditEvent(0, null, userId, operation, outcome, provider, credentialId, null, clientAddress, detail);
    }

    public AuditEvent withSession(UUID session) {
        return new AuditEvent(id, occurredAt, userId, operation, outcome, provider, credentialId, session,
                clientAddress, detail);
    }
}
