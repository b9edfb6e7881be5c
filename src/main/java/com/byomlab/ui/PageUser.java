package com.byomlab.ui;

import com.byomlab.account.UserAccount;

import java.io.Serializable;
import java.security.Principal;
import java.util.UUID;

/** Who is logged in to the pages: kept in the servlet session, so it holds no secret and no password hash. */
record PageUser(UUID id, String email, String fullName, boolean admin) implements Principal, Serializable {

    static PageUser of(UserAccount account) {
        return new PageUser(account.id(), account.email(), account.fullName(), "ADMIN".equals(account.role()));
    }

    @Override
    public String getName() {
        return email;
    }

    /** What the navigation bar shows. */
    String displayName() {
        return fullName == null || fullName.isBlank() ? email : fullName;
    }
}
