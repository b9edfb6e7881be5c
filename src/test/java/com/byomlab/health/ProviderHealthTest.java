package com.byomlab.health;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/providers/health}: error rate and latency per provider from every user's metered calls of the
 * last minutes (counts only), "degraded" as defined by byom.health.*, and each owner's own credentials with their
 * cooldowns. Rows are written straight into llm_usage (the metering's table) and removed afterwards, and figures
 * are compared with the ones before, since other tests' calls share the window.
 */
class ProviderHealthTest extends ApiIntegrationTest {

    static final String HEALTH = "/api/v1/providers/health";
    final List<UUID> inserted = new ArrayList<>();

    @AfterEach
    void removeRows() {
        inserted.forEach(id -> jdbc.update("DELETE FROM llm_usage WHERE call_id = ?", id));
    }

    @Test
    void providerSideFailuresMakeAProviderDegradedAndNoUserDataIsShown() {
        String login = api.newUser();
        JsonNode before = provider(api.get(HEALTH, login).json(), "google");
        long calls = before.path("calls").asLong();
        UUID someoneElse = UUID.randomUUID();
        UUID theirCredential = UUID.randomUUID();
        int failures = (int) calls + 10; // at least half of the window's calls, whatever other tests did
        for (int i = 0; i < failures; i++) {
            row(someoneElse, theirCredential, "google", List.of("provider_unavailable", "timeout", "network").get(i % 3),
                    0);
        }
        row(someoneElse, theirCredential, "google", "ok", 1200);

        Response r = api.get(HEALTH, login);
        assertThat(r.status()).isEqualTo(200);
        JsonNode google = provider(r.json(), "google");
        assertThat(google.path("calls").asLong()).isEqualTo(calls + failures + 1);
        assertThat(google.path("provider_errors").asLong()).isEqualTo(before.path("provider_errors").asLong() + failures);
        assertThat(google.path("status").asText()).isEqualTo("degraded");
        assertThat(google.path("reason").asText()).contains("calls to Google Gemini (5 min) failed on its side");
        assertThat(r.json().path("degraded_when").path("error_rate").asDouble()).isEqualTo(0.25);
        assertThat(r.json().path("degraded_when").path("window_seconds").asLong()).isEqualTo(300);
        // every user's figures, none of their data
        assertThat(r.json().path("providers").toString()).doesNotContain(someoneElse.toString())
                .doesNotContain(theirCredential.toString());
        assertThat(r.json().path("credentials").isEmpty()).isTrue();
        assertThat(api.get(HEALTH, null).status()).isEqualTo(401);
    }

    @Test
    void rateLimitsAndRefusedRequestsAreNotTheProvidersFailures() {
        String login = api.newUser();
        JsonNode before = provider(api.get(HEALTH, login).json(), "azure_openai");
        UUID someone = UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            row(someone, null, "azure_openai", "rate_limited", 0);
            row(someone, null, "azure_openai", "request_rejected", 0);
            row(someone, null, "azure_openai", "interrupted", 0);
        }
        JsonNode after = provider(api.get(HEALTH, login).json(), "azure_openai");
        assertThat(after.path("calls").asLong()).isEqualTo(before.path("calls").asLong() + 20);
        assertThat(after.path("rate_limited").asLong()).isEqualTo(before.path("rate_limited").asLong() + 20);
        assertThat(after.path("provider_errors").asLong()).isEqualTo(before.path("provider_errors").asLong());
    }

    @Test
    void anOwnerSeesTheirOwnCredentialsWithTheirCooldownAndNobodyElseDoes() {
        String login = api.newUser();
        UUID userId = UUID.fromString(api.get("/api/v1/users/me", login).text("id"));
        String key = "sk-health-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        UUID credential = UUID.fromString(api.post("/api/v1/users/me/llm-credentials", login, Map.of("provider",
                "openai", "api_key", key, "model_name", "gpt-4o-mini")).text("id"));
        row(userId, credential, "openai", "ok", 100);
        row(userId, credential, "openai", "ok", 300);
        row(userId, credential, "openai", "rate_limited", 0);
        row(userId, credential, "openai", "request_rejected", 0); // the request's fault: not counted
        Instant until = Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.SECONDS);
        jdbc.update("INSERT INTO credential_cooldowns (credential_id, user_id, failures, reason, failed_at, "
                + "cooling_until) VALUES (?, ?, 2, 'rate_limited', ?, ?)", credential, userId,
                Instant.now().atOffset(ZoneOffset.UTC), until.atOffset(ZoneOffset.UTC));

        JsonNode mine = api.get(HEALTH, login).json().path("credentials");
        assertThat(mine).hasSize(1);
        JsonNode c = mine.get(0);
        assertThat(c.path("credential_id").asText()).isEqualTo(credential.toString());
        assertThat(c.path("provider").asText()).isEqualTo("openai");
        assertThat(c.path("calls").asLong()).isEqualTo(3);
        assertThat(c.path("errors").asLong()).isEqualTo(1);
        assertThat(c.path("error_rate").asDouble()).isEqualTo(0.333);
        assertThat(c.path("avg_latency_ms").asLong()).isEqualTo(200);
        assertThat(c.path("cooldown").path("reason").asText()).isEqualTo("rate_limited");
        assertThat(c.path("cooldown").path("failures").asInt()).isEqualTo(2);
        assertThat(Instant.parse(c.path("cooldown").path("until").asText())).isEqualTo(until);

        String stranger = api.newUser();
        assertThat(api.get(HEALTH, stranger).json().path("credentials").isEmpty()).isTrue();
    }

    private void row(UUID userId, UUID credentialId, String provider, String outcome, long latencyMs) {
        UUID callId = UUID.randomUUID();
        inserted.add(callId);
        jdbc.update("INSERT INTO llm_usage (call_id, occurred_at, user_id, credential_id, purpose, provider, model, "
                        + "outcome, attempts, usage_reported, latency_ms) VALUES (?, ?, ?, ?, 'gateway', ?, 'm', ?, 1, "
                        + "FALSE, ?)", callId, Instant.now().atOffset(ZoneOffset.UTC), userId, credentialId, provider,
                outcome, latencyMs);
    }

    private static JsonNode provider(JsonNode health, String id) {
        return health.path("providers").valueStream().filter(p -> p.path("provider").asText().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " in " + health));
    }
}
