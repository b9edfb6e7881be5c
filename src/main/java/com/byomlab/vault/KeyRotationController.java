package com.byomlab.vault;

import com.byomlab.web.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Key-rotation progress for operators: accounts with the ADMIN role only (see byom.admin.emails). */
@RestController
class KeyRotationController {

    private final KeyRotationOverview overview;

    KeyRotationController(KeyRotationOverview overview) {
        this.overview = overview;
    }

    @GetMapping("/api/v1/admin/key-rotation")
    KeyRotationStatus status(CurrentUser user) {
        return overview.status(user);
    }
}
