package com.byomlab.audit;

import com.byomlab.web.ApiProblem;
import com.byomlab.web.CurrentUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Validated
class AuditController {

    private final AuditLog audit;
    private final AuditVerifier verifier;

    AuditController(AuditLog audit, AuditVerifier verifier) {
        this.audit = audit;
        this.verifier = verifier;
    }

    /**
     * Checks the whole hash chain (administrators only); the same check as the {@code verify-audit} command, with an
     * optional {@code anchor=<id>:<hash>} (a chain head recorded earlier) the log must still hold.
     */
    @GetMapping("/api/v1/admin/audit/verify")
    AuditVerification verify(@RequestParam(required = false) String anchor) {
        if (anchor == null) {
            return verifier.verify();
        }
        return verifier.verify(AuditVerification.Anchor.parse(anchor).orElseThrow(() -> ApiProblem.badRequest(
                "invalid_anchor", "'anchor' must be <id>:<hash>, a chain head a former check answered (last_id and "
                        + "last_hash), e.g. 1234:9f86d081… with 64 hex digits.")));
    }

    /** Administrators (role ADMIN, enforced for /api/v1/admin/** by the security chain) see every user's entries. */
    @GetMapping("/api/v1/admin/audit")
    List<AuditEvent> everyone(@RequestParam(name = "user_id", required = false) java.util.UUID userId,
                              @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return audit.all(userId, limit);
    }

    /** The caller's own entries, newest first; {@code operation} narrows them to one, {@code offset} pages on. */
    @GetMapping("/api/v1/users/me/audit")
    List<AuditEvent> mine(CurrentUser user,
                          @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                          @RequestParam(required = false) @Size(max = 64) String operation,
                          @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int offset) {
        return audit.forUser(user.id(), operation == null || operation.isBlank() ? null : operation.strip(), offset,
                limit);
    }
}
