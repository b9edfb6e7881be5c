package com.byomlab.account;

import java.time.Instant;
import java.util.UUID;

/** A user as the API shows it (no password hash). */
public record UserAccount(UUID id, String email, String fullName, String role, Instant createdAt) {
}
