package com.byomlab.vault;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import com.byomlab.web.ApiProblem;
import com.byomlab.web.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Incident response: an administrator revokes every key of a user at once (e.g. the account was
 * taken over). Each credential is soft-deleted with its ciphertext destroyed, so running sessions
 * stop at their next call with credential_deleted and the gateway refuses tokens bound to them.
 * Each revoked credential is audited on its owner, and the action itself on the administrator.
 */
@Service
public class CredentialRevocation {

    public record Revoked(UUID userId, List<UUID> credentialIds) {
    }

    private final CredentialRepository credentials;
    private final AuditLog audit;

    CredentialRevocation(CredentialRepository credentials, AuditLog audit) {
        this.credentials = credentials;
        this.audit = audit;
    }

    /** The user's active credentials, masked, as the confirm step lists them (not audited as the owner's listing). */
    public List<CredentialView> active(CurrentUser admin, UUID userId) {
        requireAdmin(admin);
        return credentials.listActive(userId).stream().map(StoredCredential::view).toList();
    }

    /** @throws ApiProblem 403 for anyone but an administrator (the routes' role check comes first) */
    @Transactional
    public Revoked revokeAll(CurrentUser admin, UUID userId) {
        requireAdmin(admin);
        List<UUID> revoked = credentials.revokeAll(userId, Instant.now().truncatedTo(ChronoUnit.MICROS));
        for (UUID id : revoked) {
            audit.record(AuditEvent.of(userId, "credential.revoke_by_admin", AuditEvent.Outcome.SUCCESS, null, id,
                    admin.clientAddress(), "by admin " + admin.id()));
        }
        audit.record(AuditEvent.of(admin.id(), "admin.revoke_credentials", AuditEvent.Outcome.SUCCESS, null, null,
                admin.clientAddress(), revoked.size() + " revoked of user " + userId));
        return new Revoked(userId, revoked);
    }

    private static void requireAdmin(CurrentUser user) {
        if (!user.admin()) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Only an administrator can revoke a user's keys.");
        }
    }
}
