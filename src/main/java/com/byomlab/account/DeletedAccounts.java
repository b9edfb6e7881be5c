package com.byomlab.account;

import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Whether the account behind a login is gone: the one check every authenticated API request and page request makes
 * (the login token and the page session outlive the account otherwise). The database is the truth, so a deletion
 * made through any instance counts at once on every instance: a primary-key lookup per request (on the embedded H2,
 * one instance by design, kept until any write to the account tables: database/RowCache).
 * Gateway tokens need no lookup: their rows go with the account (foreign key, same transaction).
 */
@Component
public class DeletedAccounts {

    /** The problem code every surface answers a deleted account's request with. */
    public static final String CODE = "account_gone";
    public static final String MESSAGE = "This account no longer exists: it was deleted. Sign up again to continue.";

    private final UserRepository users;

    DeletedAccounts(UserRepository users) {
        this.users = users;
    }

    public boolean isDeleted(UUID userId) {
        return !users.exists(userId);
    }
}
