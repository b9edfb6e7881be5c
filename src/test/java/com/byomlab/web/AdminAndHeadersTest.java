package com.byomlab.web;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Administrators see everyone's audit and spend (never a key); security headers; CORS closed by default. */
class AdminAndHeadersTest extends ApiIntegrationTest {

    @Test
    void onlyAdministratorsSeeEveryonesAuditAndUsageAndNeverAKey() {
        String userToken = api.newUser();
        String userId = api.get("/api/v1/users/me", userToken).text("id");
        String key = "sk-admin-view-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        api.post("/api/v1/users/me/llm-credentials", userToken, Map.of("provider", "openai", "api_key", key));

        Response refused = api.get("/api/v1/admin/audit", userToken);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("forbidden");
        assertThat(api.get("/api/v1/admin/usage", userToken).status()).isEqualTo(403);

        String adminToken = api.newUser();
        String adminEmail = api.get("/api/v1/users/me", adminToken).text("email");
        jdbc.update("UPDATE users SET role = 'ADMIN' WHERE email = ?", adminEmail);
        adminToken = api.login(adminEmail, "correct-horse-9"); // the role is in the login token

        Response audit = api.get("/api/v1/admin/audit?user_id=" + userId, adminToken);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().findValuesAsString("operation")).contains("credential.create");
        assertThat(audit.json().findValuesAsString("user_id")).containsOnly(userId);
        assertThat(audit.body()).doesNotContain(key).doesNotContain("encrypted").doesNotContain("api_key");
        assertThat(api.get("/api/v1/admin/usage", adminToken).status()).isEqualTo(200);

        // incident response: all of the user's keys revoked at once, by an administrator only
        assertThat(api.post("/api/v1/admin/users/" + userId + "/revoke-credentials", userToken, null).status())
                .isEqualTo(403);
        Response revoked = api.post("/api/v1/admin/users/" + userId + "/revoke-credentials", adminToken, null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().path("credential_ids")).hasSize(1);
        assertThat(api.get("/api/v1/users/me/llm-credentials", userToken).json()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_llm_credentials WHERE user_id = ? AND "
                + "(is_active OR encrypted_api_key IS NOT NULL)", Integer.class, UUID.fromString(userId))).isZero();
    }

    @Test
    void apiResponsesCarrySecurityHeaders() {
        Response r = api.get("/api/v1/users/me", api.newUser());
        assertThat(r.headers().get("content-security-policy")).containsExactly("default-src 'none'; frame-ancestors 'none'");
        assertThat(r.headers().get("x-frame-options")).containsExactly("DENY");
        assertThat(r.headers().get("x-content-type-options")).containsExactly("nosniff");
        assertThat(r.headers().get("referrer-policy")).containsExactly("no-referrer");
    }

    @Test
    void gatewayAnswersCarryTheSameSecurityHeaders() {
        // issue 19, item 9: /v1 lacked Content-Security-Policy and Referrer-Policy
        String login = api.newUser();
        String key = "sk-headers-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        String cred = api.post("/api/v1/users/me/llm-credentials", login, Map.of("provider", "openai", "api_key", key,
                "model_name", SYSTEM_MODEL)).text("id");
        String pat = api.post("/api/v1/users/me/tokens", login, Map.of("name", "headers", "credential_id", cred))
                .text("token");
        OPENAI.expectKey(key);
        for (Response r : new Response[] {api.get("/v1/models", pat), api.get("/v1/models", null),
                api.post("/v1/chat/completions", pat, Map.of("model", SYSTEM_MODEL, "messages", "not a list"))}) {
            assertThat(r.status()).isIn(200, 400, 401);
            assertThat(r.headers().get("content-security-policy")).as(r.body())
                    .containsExactly("default-src 'none'; frame-ancestors 'none'");
            assertThat(r.headers().get("referrer-policy")).containsExactly("no-referrer");
            assertThat(r.headers().get("x-content-type-options")).containsExactly("nosniff");
            assertThat(r.headers().get("x-frame-options")).containsExactly("DENY");
        }
    }

    @Test
    void corsIsClosedByDefault() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/users/me/llm-credentials"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).isEmpty();

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/health")).header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.headers().firstValue("access-control-allow-origin")).isEmpty();
    }
}
