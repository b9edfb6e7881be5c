package com.byomlab.ui;

import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Wrong keys, an unreachable provider, an empty goal, double clicks and an expired login, in a real browser. */
class BadInputBrowserTest extends BrowserTest {

    @Test
    void wrongAndUnreachableKeysAreExplainedNextToTheKeyAndNothingIsStored() throws IOException {
        String good = "sk-good-" + UUID.randomUUID();
        OPENAI.expectKey(good);
        String email = signUp("Bob");

        browser.click("label[for=provider-anthropic]");
        browser.type("#apiKey", "sk-proj-not-anthropic");
        browser.waitForText("#apiKey-check", "Anthropic keys start with \"sk-ant-\"");
        browser.screenshot("bad-01-key-format");

        // a key the provider refuses: tested, then saved anyway with a model chosen from an earlier test
        browser.click("label[for=provider-openai]");
        browser.type("#apiKey", good);
        browser.click("#test-button");
        browser.waitFor("#test-ok");
        browser.type("#apiKey", "sk-revoked-" + UUID.randomUUID());
        browser.click("#test-button");
        browser.waitForText("#test-failed", "Connection failed");
        assertThat(browser.find("#test-failed").getText()).containsIgnoringCase("key");
        assertThat(browser.find("#test-failed a").getAttribute("href")).isEqualTo("https://platform.openai.com/api-keys");
        browser.click("#save-button");
        browser.waitFor("#apiKey-error");
        assertThat(browser.find("#apiKey-error").getText()).containsIgnoringCase("key");
        assertThat(browser.find("#apiKey").getAttribute("value")).isEmpty(); // never written back
        assertThat(browser.find("#apiKey").getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("bad-02-invalid-key");

        // an OpenAI-compatible server that is not there
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        browser.click("label[for=provider-openai_compatible]");
        browser.waitFor("#baseUrl").sendKeys("http://127.0.0.1:" + closed + "/v1");
        browser.type("#apiKey", "local-key");
        browser.click("#test-button");
        browser.waitForText("#test-failed", "Connection failed");
        browser.screenshot("bad-03-unreachable-provider");
        assertThat(storedCredentials(email)).isZero();
    }

    @Test
    void aDoubleClickedSaveStoresOneCredential() {
        String key = "sk-double-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        String email = signUp("Cleo");
        browser.type("#apiKey", key);
        browser.click("#test-button");
        browser.waitFor("#test-ok");
        new Actions(browser.driver()).doubleClick(browser.find("#save-button")).perform();
        browser.waitForText(".alert-info", "Saved");
        assertThat(storedCredentials(email)).isEqualTo(1);
        assertThat(browser.all("#credentials tbody tr")).hasSize(1);
    }

    @Test
    void anEmptyGoalIsRefusedNextToTheGoalAndADoubleClickStartsOneSession() {
        OPENAI.expectKey(SYSTEM_KEY); // no key of Dan's: the operator's system default runs
        OPENAI.chat().enqueue(ChatReply.text("SOL is trending up."));
        String email = signUp("Dan");
        browser.go("/lab");
        browser.click("#new-session-button");
        browser.waitFor("#goal");
        assertThat(browser.find("#no-credentials-warning").getText()).contains("runs on the system default",
                "Add a key in settings");
        browser.click("#start-session");
        browser.waitFor("#goal-error"); // the dialog opens again with the error next to the goal
        assertThat(browser.find("#goal-error").getText()).contains("Say in plain words what the agent should find out");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("goal");
        browser.screenshot("bad-04-empty-goal");
        assertThat(sessions(email)).isZero();

        browser.find("#goal").sendKeys("Is SOL trending?");
        new Actions(browser.driver()).doubleClick(browser.find("#start-session")).perform();
        browser.waitFor("#session[data-final='true']"); // reloaded when it ended
        assertThat(browser.find("#status").getText()).isEqualTo("Completed");
        assertThat(browser.find("#ran-model").getText()).isEqualTo("OpenAI · gpt-4o-mini");
        assertThat(sessions(email)).isEqualTo(1);
    }

    private int sessions(String email) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM agent_sessions s JOIN users u ON u.id = s.user_id "
                + "WHERE u.email = ?", Integer.class, email);
    }

    @Test
    void anExpiredLoginSendsTheNextFormToTheLoginPageWithAMessage() {
        String email = signUp("Eve");
        // the server forgot the session (timed out): the browser still sends the old cookie
        browser.driver().manage().deleteCookieNamed(PageSecurity.SESSION_COOKIE);
        browser.driver().manage().addCookie(new Cookie(PageSecurity.SESSION_COOKIE, "EXPIRED" + UUID.randomUUID()));
        browser.type("#apiKey", "sk-whatever");
        browser.click("#save-button");
        browser.waitFor("#expired-message");
        assertThat(browser.url()).endsWith("/login?expired");
        browser.screenshot("bad-05-expired-login");

        assertThat(browser.find("#expired-message").getText()).contains("it was not saved");

        // the keyboard alone logs in again: the email field has the focus
        browser.driver().switchTo().activeElement().sendKeys(email, Keys.TAB, PASSWORD, Keys.ENTER);
        browser.until(d -> browser.path().equals("/lab"), "the Lab after logging in");
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessage() {
        browser.go("/login");
        browser.driver().switchTo().activeElement().sendKeys("nobody@example.com", Keys.TAB, "wrong-password", Keys.ENTER);
        browser.waitFor("#login-error");
        assertThat(browser.find("#login-error").getText()).contains("Email or password is wrong");
    }
}
