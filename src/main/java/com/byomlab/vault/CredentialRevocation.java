package com.byomlab.vault;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import com.byomlab.web.CurrentUser;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Incident response: an administrator revokes every key of a user at once (e.g. the account was
 * taken over). Each credential is soft-deleted with its ciphertext destroyed, so running sessions
 * stop at their next call with credential_deleted and the gateway refuses tokens bound to them.
 * The path is under /api/v1/admin/, which the security chain keeps to the ADMIN role.
 */
@RestController
class CredentialRevocation {

    record Revoked(UUID userId, List<UUID> credentialIds) {
    }

    private final CredentialRepository credentials;
    private final AuditLog audit;

    CredentialRevocation(CredentialRepository credentials, AuditLog audit) {
        this.credentials = credentials;
        this.audit = audit;
    }

    @PostMapping("/api/v1/admin/users/{userId}/revoke-credentials")
    @Transactional
    Revoked revokeAll(CurrentUser admin, @PathVariable UUID userId) {
        List<UUID> revoked = credentials.revokeAll(userId, Instant.now().truncatedTo(ChronoUnit.MICROS));
        for (UUID id : revoked) {
            audit.record(AuditEvent.of(userId, "credential.revoke_by_admin", AuditEvent.Outcome.SUCCESS, null, id,
                    admin.clientAddress(), "by admin " + admin.id()));
        }
        return new Revoked(userId, revoked);
    }
}
