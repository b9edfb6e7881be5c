package com.byomlab.audit;

import com.byomlab.web.CurrentUser;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Validated
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /** Administrators (role ADMIN, enforced for /api/v1/admin/** by the security chain) see every user's entries. */
    @GetMapping("/api/v1/admin/audit")
    List<AuditEvent> everyone(@RequestParam(name = "user_id", required = false) java.util.UUID userId,
                              @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return audit.all(userId, limit);
    }

    @GetMapping("/api/v1/users/me/audit")
    List<AuditEvent> mine(CurrentUser user,
                          @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return audit.forUser(user.id(), limit);
    }
}
