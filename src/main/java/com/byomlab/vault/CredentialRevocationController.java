package com.byomlab.vault;

import com.byomlab.web.CurrentUser;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** {@link CredentialRevocation} over the API; the path is under /api/v1/admin/, which the security chain keeps to ADMIN. */
@RestController
class CredentialRevocationController {

    private final CredentialRevocation revocation;

    CredentialRevocationController(CredentialRevocation revocation) {
        this.revocation = revocation;
    }

    @PostMapping("/api/v1/admin/users/{userId}/revoke-credentials")
    CredentialRevocation.Revoked revokeAll(CurrentUser admin, @PathVariable UUID userId) {
        return revocation.revokeAll(admin, userId);
    }
}
