package com.byomlab.ui;

import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import java.util.UUID;

/**
 * A browser against the running service and its fake providers; one Chromium per test class. A failing
 * test leaves a screenshot named FAILED-{test}.png beside the others.
 */
abstract class BrowserTest extends ApiIntegrationTest {

    static final String PASSWORD = "correct-horse-9";
    private static Browser shared;
    protected Browser browser;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (shared != null) {
                shared.screenshot("FAILED-" + context.getRequiredTestClass().getSimpleName() + "-"
                        + context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeEach
    void browser() {
        if (shared == null) {
            shared = Browser.open(port);
        }
        browser = shared;
        browser.driver().manage().deleteAllCookies(); // each test starts logged out
    }

    @AfterAll
    static void closeBrowser() {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /** Signs up through the sign-up page; returns the email. The browser is then logged in. */
    String signUp(String name) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        browser.go("/signup");
        browser.type("#email", email);
        browser.type("#fullName", name);
        browser.type("#password", PASSWORD);
        browser.click("button[type=submit]");
        browser.waitFor("#credential-form");
        return email;
    }

    int storedCredentials(String email) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM user_llm_credentials c JOIN users u ON u.id = c.user_id "
                + "WHERE u.email = ? AND c.is_active", Integer.class, email);
    }
}
