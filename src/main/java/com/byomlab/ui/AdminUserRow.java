package com.byomlab.ui;

import com.byomlab.account.UserAccount;
import com.byomlab.usage.UsageReports;
import com.byomlab.usage.UsageReports.UserTotal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One user's month on the administrators' usage page; the account may have been deleted since. */
record AdminUserRow(UUID userId, String email, String name, boolean accountExists, long calls, long inputTokens,
                    long outputTokens, String cost, long unpricedCalls) {

    static AdminUserRow of(UserTotal t, Optional<UserAccount> account) {
        return new AdminUserRow(t.userId(), account.map(UserAccount::email).orElse("(deleted account)"),
                account.map(UserAccount::fullName).orElse(null), account.isPresent(), t.calls(), t.inputTokens(),
                t.outputTokens(), Format.usd(t.costUsd()), t.unpricedCalls());
    }

    static AdminUserRow total(List<UserTotal> all) {
        return new AdminUserRow(null, "All users", null, false, all.stream().mapToLong(UserTotal::calls).sum(),
                all.stream().mapToLong(UserTotal::inputTokens).sum(), all.stream().mapToLong(UserTotal::outputTokens).sum(),
                Format.usd(UsageReports.knownTotal(all.stream().map(UserTotal::costUsd).toList())),
                all.stream().mapToLong(UserTotal::unpricedCalls).sum());
    }
}
