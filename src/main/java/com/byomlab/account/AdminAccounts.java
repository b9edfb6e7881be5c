package com.byomlab.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * {@code byom.admin.emails=a@example.com,b@example.com}: those existing accounts get the ADMIN role at
 * start-up (the operator signs up first, then restarts with the setting, then logs in again). Nobody is
 * ever demoted by this; there is no other way to become an administrator.
 */
@Component
class AdminAccounts implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminAccounts.class);

    private final UserRepository users;
    private final List<String> emails;

    AdminAccounts(UserRepository users, @Value("${byom.admin.emails:}") List<String> emails) {
        this.users = users;
        this.emails = emails.stream().map(e -> e.strip().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).toList();
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String email : emails) {
            if (users.promoteToAdmin(email)) {
                log.info("Account {} has the ADMIN role (byom.admin.emails)", email);
            } else {
                log.warn("byom.admin.emails names {}, which has no account: sign it up, then restart", email);
            }
        }
    }
}
