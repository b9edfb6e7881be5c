package com.byomlab.ui;

import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.Scenario;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees of fallbacks in a real browser: the switch arrives live on the session page while it runs (the
 * model that runs changes with it), the finished page lists both models, the credentials page says the failed key
 * cools down and until when, and a degraded provider is announced on the credentials page and in the Lab's
 * new-session dialog. Screenshots land in target/screenshots.
 */
class FallbackBrowserTest extends BrowserTest {

    @Test
    void theSwitchArrivesLiveAndTheCooldownAndADegradedProviderAreShown() {
        String email = signUp("Grace");
        String login = api.login(email, PASSWORD);
        String claudeKey = "sk-ant-live-" + UUID.randomUUID();
        ANTHROPIC.expectKey(claudeKey);
        String claude = api.post("/api/v1/users/me/llm-credentials", login, Map.of("provider", "anthropic", "api_key",
                claudeKey, "model_name", "claude-sonnet-4-20250514", "label", "Claude key")).text("id");
        String gptKey = "sk-live-" + UUID.randomUUID();
        OPENAI.expectKey(gptKey);
        String gpt = api.post("/api/v1/users/me/llm-credentials", login, Map.of("provider", "openai", "api_key",
                gptKey, "model_name", "gpt-4o-mini")).text("id");
        api.put("/api/v1/users/me/llm-fallback", login, Map.of("credential_ids", List.of(gpt)));

        CountDownLatch fail = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ANTHROPIC.chat().enqueue(ChatReply.failure(Scenario.unauthorized()).heldUntil(fail));
        OPENAI.chat().enqueue(ChatReply.text("The report, from the second key.").heldUntil(finish));
        String id = api.post("/api/v1/lab/agent/sessions", login, Map.of("user_goal", "How is BTC?",
                "llm_credential_id", claude)).text("id");
        try {
            browser.go("/lab/sessions/" + id);
            browser.waitForText("#status", "Running");
            assertThat(browser.find("#ran-model").getText()).isEqualTo("Anthropic · claude-sonnet-4-20250514");

            fail.countDown(); // the key is refused now: the page shows the switch without a reload
            browser.waitForText(".step-fallback .step-title", "Switched model");
            assertThat(browser.find(".step-fallback .step-body").getText()).isEqualTo("Switched from Anthropic · "
                    + "claude-sonnet-4-20250514 to OpenAI · gpt-4o-mini because the key was refused (invalid or revoked).");
            browser.waitForText("#ran-model", "OpenAI · gpt-4o-mini");
            browser.screenshot("fallback-01-switch-live");

            finish.countDown();
            browser.waitForText("#status", "Completed");
            browser.waitFor("#models-used");
            assertThat(browser.find("#models-used").getText()).contains("Anthropic · claude-sonnet-4-20250514",
                    "OpenAI · gpt-4o-mini");
            browser.screenshot("fallback-02-session-done");
        } finally {
            fail.countDown();
            finish.countDown();
        }

        // the refused key cools down, and the credentials page says until when
        browser.go("/settings/llm");
        String row = browser.all("#credentials tbody tr").stream().filter(r -> r.getText().contains("Claude key"))
                .findFirst().orElseThrow().getText();
        assertThat(row).containsPattern("Cooling down until \\d\\d:\\d\\d:\\d\\d UTC: it was refused \\(invalid or "
                + "revoked\\)");

        // a provider failing for everyone is announced where users pick a model
        List<UUID> rows = new ArrayList<>();
        try {
            long calls = jdbc.queryForObject("SELECT COUNT(*) FROM llm_usage WHERE provider = 'google' AND "
                    + "occurred_at >= ?", Long.class, Instant.now().minusSeconds(300).atOffset(ZoneOffset.UTC));
            for (int i = 0; i < calls + 10; i++) {
                UUID callId = UUID.randomUUID();
                rows.add(callId);
                jdbc.update("INSERT INTO llm_usage (call_id, occurred_at, user_id, purpose, provider, model, outcome, "
                        + "attempts, usage_reported, latency_ms) VALUES (?, ?, ?, 'agent', 'google', 'gemini-2.0-flash', "
                        + "'provider_unavailable', 4, FALSE, 0)", callId, Instant.now().atOffset(ZoneOffset.UTC),
                        UUID.randomUUID());
            }
            browser.go("/settings/llm");
            assertThat(browser.find(".provider-degraded[data-provider=google]").getText())
                    .startsWith("Google Gemini is degraded right now.").contains("failed on its side");
            browser.screenshot("fallback-03-credentials-cooldown-degraded");
            browser.go("/lab");
            browser.click("#new-session-button");
            assertThat(browser.waitFor("#new-session .provider-degraded[data-provider=google]").getText())
                    .contains("Google Gemini is degraded right now.");
            browser.screenshot("fallback-04-new-session-degraded");
        } finally {
            rows.forEach(callId -> jdbc.update("DELETE FROM llm_usage WHERE call_id = ?", callId));
        }
    }
}
