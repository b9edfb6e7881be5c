package com.byomlab.demo;

import com.byomlab.account.Accounts;
import com.byomlab.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** Demo mode's ready-made account, so the README's run command shows a session without any set-up. */
@Component
@ConditionalOnBooleanProperty("byom.demo")
class DemoUser implements ApplicationRunner {

    static final String EMAIL = "demo@byomlab.local";
    static final String PASSWORD = "demo-password";
    private static final Logger log = LoggerFactory.getLogger(DemoUser.class);

    private final Accounts accounts;

    DemoUser(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            accounts.signUp(EMAIL, PASSWORD, "Demo User");
        } catch (ApiProblem alreadyThere) {
            // made on an earlier start
        }
        log.warn("DEMO MODE: the system default model is SIMULATED (no real LLM is called). Demo login: {} / {}",
                EMAIL, PASSWORD);
    }
}
