package com.byomlab.ui;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget, audit-log, access-token and administrators' pages in a real browser, each screenshotted
 * (target/screenshots/pages-*.png), the token-created view among them.
 */
class AccountPagesBrowserTest extends BrowserTest {

    @Test
    void budgetWithItsAlertsAndABadInputThatLosesNothing() {
        String email = signUp("Ada");
        UUID userId = jdbc.queryForObject("SELECT id FROM users WHERE email = ?", UUID.class, email);
        jdbc.update("INSERT INTO usage_alerts (user_id, session_id, kind, threshold_usd, amount_usd, message, "
                + "webhook_status, created_at) VALUES (?, NULL, 'monthly_cap_reached', 5, 5.12, ?, 'not_configured', ?)",
                userId, "Your monthly cost cap of $5.00 is reached (spent $5.12 this month).",
                Instant.now().atOffset(ZoneOffset.UTC));

        browser.go("/usage");
        browser.click("#edit-budget");
        browser.waitFor("#budget-form");
        assertThat(browser.find("#alerts").getText()).contains("Monthly cap reached").contains("$5.12");
        browser.screenshot("pages-01-budget");

        browser.type("#sessionAlertUsd", "ten");
        browser.type("#sessionCapUsd", "0.5");
        browser.type("#monthlyCapUsd", "-3");
        browser.click("#save-budget");
        browser.waitFor("#budget-errors");
        assertThat(browser.find("#sessionAlertUsd-error").getText()).startsWith("Enter an amount in US dollars");
        assertThat(browser.find("#monthlyCapUsd-error").getText()).startsWith("Enter an amount in US dollars");
        assertThat(browser.present("#sessionCapUsd-error")).isFalse();
        // what was typed is still there, the good value too
        assertThat(browser.find("#sessionAlertUsd").getAttribute("value")).isEqualTo("ten");
        assertThat(browser.find("#sessionCapUsd").getAttribute("value")).isEqualTo("0.5");
        assertThat(browser.find("#monthlyCapUsd").getAttribute("value")).isEqualTo("-3");
        assertThat(browser.find("#sessionAlertUsd").getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("pages-02-budget-errors");

        browser.type("#sessionAlertUsd", "2");
        browser.type("#monthlyCapUsd", "50");
        browser.click("#save-budget");
        browser.waitForText(".alert-info", "Saved.");
        assertThat(browser.find("#current-alert").getText()).isEqualTo("$2.00");
        assertThat(browser.find("#current-session-cap").getText()).isEqualTo("$0.50");
        assertThat(browser.find("#current-monthly-cap").getText()).isEqualTo("$50.00");
        assertThat(browser.find("nav[aria-label=Main] a[aria-current=page]").getText()).isEqualTo("Budget");
        browser.screenshot("pages-03-budget-saved");
    }

    @Test
    void anAccessTokenIsShownOnceWithTheLinesToPasteThenListedMaskedAndRevoked() {
        String email = signUp("Grace");
        String login = api.login(email, PASSWORD);
        String key = "sk-proj-browser-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        api.post("/api/v1/users/me/llm-credentials", login, Map.of("provider", "openai", "api_key", key,
                "model_name", "gpt-4o-mini", "label", "Work key"));

        browser.go("/lab");
        browser.click("nav[aria-label=Main] a[href='/settings/tokens']");
        browser.waitFor("#token-form");
        assertThat(browser.present("#tokens-empty")).isTrue();
        browser.screenshot("pages-04-tokens-empty");

        browser.click("#create-token"); // no name: said next to the field, nothing made
        browser.waitFor("#name-error");
        browser.type("#name", "Laptop — Claude Code");
        new Select(browser.find("#credentialId")).selectByIndex(1); // the stored key, not "your default"
        browser.type("#expiresInDays", "90");
        browser.click("#create-token");

        String secret = browser.waitFor("#token-secret").getText();
        assertThat(secret).startsWith("byom_pat_").hasSize("byom_pat_".length() + 43);
        assertThat(browser.find("#created-bound").getText()).isEqualTo("Work key (OpenAI · gpt-4o-mini)");
        String base = "http://localhost:" + port;
        assertThat(browser.find("#snippet-openai").getText()).isEqualTo("export OPENAI_BASE_URL=\"" + base + "/v1\"\n"
                + "export OPENAI_API_KEY=\"" + secret + "\"");
        assertThat(browser.find("#snippet-claude").getText()).isEqualTo("export ANTHROPIC_BASE_URL=\"" + base + "\"\n"
                + "export ANTHROPIC_AUTH_TOKEN=\"" + secret + "\"\nclaude");
        assertThat(browser.find("#snippet-codex").getText()).isEqualTo("export BYOM_TOKEN=\"" + secret + "\"\n"
                + "codex -c model_provider=byom -c 'model_providers.byom={name=\"byom\",base_url=\"" + base
                + "/v1\",env_key=\"BYOM_TOKEN\",wire_api=\"responses\"}'");
        browser.click("#copy-token");
        assertThat(browser.waitFor(".copy-status").getText()).isNotBlank();
        assertThat(api.get("/v1/models", secret).status()).isEqualTo(200); // the token shown is the real one
        browser.screenshot("pages-05-token-created");

        browser.click("#done");
        browser.waitFor("#tokens");
        String row = browser.find("#tokens tbody tr").getText();
        assertThat(row).contains("Laptop — Claude Code").contains("byom_pat_..." + secret.substring(secret.length() - 4))
                .contains("Work key (OpenAI · gpt-4o-mini)");
        assertThat(browser.source()).doesNotContain(secret);
        browser.screenshot("pages-06-tokens-list");

        browser.click("#tokens tbody tr a.btn-danger-outline");
        browser.waitFor("#confirm-revoke");
        browser.screenshot("pages-07-token-revoke-confirm");
        browser.click("#confirm-revoke");
        browser.waitForText(".alert-info", "Revoked");
        assertThat(browser.present("#tokens-empty")).isTrue();
        assertThat(api.get("/v1/models", secret).status()).isEqualTo(401);
    }

    @Test
    void theAuditLogFiltersByOperation() {
        String email = signUp("Edsger");
        String login = api.login(email, PASSWORD);
        api.post("/api/v1/users/me/tokens", login, Map.of("name", "ci"));
        api.put("/api/v1/users/me/budget", login, Map.of("monthly_cap_usd", 30));

        browser.go("/settings/audit");
        browser.waitFor("#audit");
        assertThat(browser.find("#audit").getText()).contains("token.create").contains("budget.update");
        browser.screenshot("pages-08-audit");

        new Select(browser.find("#operation")).selectByValue("token.create");
        browser.click("#apply-filter");
        browser.waitForText("#entries-title", "token.create");
        assertThat(browser.all("#audit tbody tr")).hasSize(1);
        assertThat(browser.find("#audit").getText()).doesNotContain("budget.update");
        browser.screenshot("pages-09-audit-filtered");
    }

    @Test
    void anAdministratorSeesEveryonesUsageAndTheKeyRotationAndRevokesAUsersKeys() {
        String victimLogin = api.newUser();
        String victimEmail = api.get("/api/v1/users/me", victimLogin).text("email");
        UUID victimId = UUID.fromString(api.get("/api/v1/users/me", victimLogin).text("id"));
        String key = "sk-proj-stolen-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        api.post("/api/v1/users/me/llm-credentials", victimLogin, Map.of("provider", "openai", "api_key", key,
                "model_name", "gpt-4o-mini"));
        jdbc.update("INSERT INTO llm_usage (call_id, occurred_at, user_id, purpose, provider, model, outcome, attempts, "
                + "input_tokens, output_tokens, usage_reported, latency_ms, cost_usd) VALUES (?, ?, ?, 'gateway', 'openai', "
                + "'gpt-4o-mini', 'ok', 1, 120000, 30000, TRUE, 900, 0.24)", UUID.randomUUID(),
                Instant.now().atOffset(ZoneOffset.UTC), victimId);

        String adminEmail = signUp("Barbara");
        jdbc.update("UPDATE users SET role = 'ADMIN' WHERE email = ?", adminEmail);
        browser.driver().manage().deleteAllCookies(); // the role is read at login
        browser.go("/login");
        browser.type("#email", adminEmail);
        browser.type("#password", PASSWORD);
        browser.click("button[type=submit]");
        browser.waitFor("nav[aria-label=Main]");

        browser.click("nav[aria-label=Main] a[href='/admin/users']");
        browser.waitFor("#admin-usage");
        String row = browser.find("#admin-usage tr[data-user-id='" + victimId + "']").getText();
        assertThat(row).contains(victimEmail).contains("120000").contains("30000").contains("$0.24");
        browser.screenshot("pages-10-admin-users");

        browser.type("#email", victimEmail.toUpperCase());
        browser.click("#find-user-button");
        browser.waitFor("#confirm-revoke-keys");
        assertThat(browser.find("#revoke-keys").getText()).contains("OpenAI · gpt-4o-mini").contains("sk-p");
        browser.screenshot("pages-11-admin-revoke-confirm");
        browser.click("#confirm-revoke-keys");
        browser.waitForText(".alert-info", "Revoked 1 key of " + victimEmail);
        assertThat(storedCredentials(victimEmail)).isZero();
        browser.screenshot("pages-12-admin-revoked");

        browser.click(".admin-nav a[href='/admin/keys']");
        browser.waitFor("#rotation");
        assertThat(browser.find("#current-key").getText()).isNotBlank();
        browser.screenshot("pages-13-admin-key-rotation");
    }
}
