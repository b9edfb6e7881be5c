package com.byomlab.account;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After {@code DELETE /api/v1/users/me} the account's login token and personal access tokens get 401
 * {@code account_gone} on every request, at once, before anything runs (no provider call, no 500, no 409).
 * Running sessions and page sessions: agent/DeletedAccountSessionsTest and ui/PageSecurityTest.
 */
class DeletedAccountTest extends ApiIntegrationTest {

    static final String CREDENTIALS = "/api/v1/users/me/llm-credentials";

    @Test
    void everyApiRequestOfADeletedAccountIs401AccountGone() {
        String token = api.newUser();
        String key = "sk-gone-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        assertThat(api.post(CREDENTIALS, token, Map.of("provider", "openai", "api_key", key, "model_name", "gpt-4o"))
                .status()).isEqualTo(201);
        assertThat(api.delete("/api/v1/users/me", token).status()).isEqualTo(204);
        int providerRequestsBefore = OPENAI.requests().size();

        List<Response> refused = List.of(
                api.post(CREDENTIALS + "/validate", token, Map.of("provider", "openai", "api_key", key)),
                api.get("/api/v1/users/me/audit", token),
                api.get("/api/v1/users/me/usage", token),
                api.post("/api/v1/lab/agent/sessions", token, Map.of("user_goal", "Compare BTC and ETH",
                        "use_system_default", true)),
                api.post("/api/v1/users/me/tokens", token, Map.of("name", "after deletion")),
                api.put("/api/v1/users/me/budget", token, Map.of("session_alert_usd", 5)),
                api.post(CREDENTIALS, token, Map.of("provider", "openai", "api_key", key, "model_name", "gpt-4o")),
                api.get(CREDENTIALS, token),
                api.get("/api/v1/users/me", token));
        for (Response r : refused) {
            assertThat(r.status()).as(r.body()).isEqualTo(401);
            assertThat(r.text("code")).as(r.body()).isEqualTo("account_gone");
            assertThat(r.text("detail")).contains("no longer exists");
            assertThat(r.headers().get("content-type").get(0)).startsWith("application/problem+json");
        }
        assertThat(OPENAI.requests()).as("no live provider call for a deleted account").hasSize(providerRequestsBefore);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM agent_sessions s WHERE s.user_goal = 'Compare BTC and ETH' "
                + "AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id)", Integer.class)).isZero();
    }

    @Test
    void aLiveAccountsTokenStillWorks() {
        String token = api.newUser();
        assertThat(api.get("/api/v1/users/me/audit", token).status()).isEqualTo(200);
        assertThat(api.put("/api/v1/users/me/budget", token, Map.of("session_alert_usd", 5)).status()).isEqualTo(200);
    }

    @Test
    void theGatewayRefusesADeletedAccountsAccessTokensInOpenAisFormat() {
        String token = api.newUser();
        String key = "sk-gone-gw-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        String credential = api.post(CREDENTIALS, token, Map.of("provider", "openai", "api_key", key,
                "model_name", "gpt-4o-mini")).text("id");
        String bound = api.post("/api/v1/users/me/tokens", token, Map.of("name", "ide", "credential_id", credential))
                .text("token");
        String followsDefault = api.post("/api/v1/users/me/tokens", token, Map.of("name", "cli")).text("token");
        assertThat(api.get("/v1/models", bound).status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/users/me", token).status()).isEqualTo(204);
        int providerRequestsBefore = OPENAI.requests().size();

        for (Response r : List.of(api.get("/v1/models", bound), api.get("/v1/models", followsDefault),
                api.post("/v1/chat/completions", bound, Map.of("model", "gpt-4o-mini",
                        "messages", List.of(Map.of("role", "user", "content", "hi")))))) {
            assertThat(r.status()).as(r.body()).isEqualTo(401);
            assertThat(r.json().path("error").path("code").asText()).as(r.body()).isEqualTo("account_gone");
            assertThat(r.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(r.json().path("error").path("message").asText()).contains("no longer exists");
        }
        assertThat(OPENAI.requests()).hasSize(providerRequestsBefore);
        // a token that never existed is still just an invalid key
        Response unknown = api.get("/v1/models", "byom_pat_" + "x".repeat(43));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().path("error").path("code").asText()).isEqualTo("invalid_api_key");
    }
}
