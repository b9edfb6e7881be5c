package com.byomlab.ui;

import com.byomlab.audit.AuditEvent;
import com.byomlab.llm.Provider;

import java.util.UUID;

/** One entry of the user's audit log as the page lists it (ids, names and outcomes: an entry never holds a key). */
record AuditRow(String when, String operation, String outcome, String provider, UUID credentialId, UUID sessionId,
                String clientAddress, String detail) {

    static AuditRow of(AuditEvent e) {
        return new AuditRow(Format.time(e.occurredAt()), e.operation(), e.outcome().name().toLowerCase(java.util.Locale.ROOT),
                e.provider() == null ? null : Provider.fromId(e.provider()).map(Provider::displayName).orElse(e.provider()),
                e.credentialId(), e.sessionId(), e.clientAddress(), e.detail());
    }
}
