package com.byomlab.web;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Inputs the fuzz test once turned into 500s, each pinned to its 4xx. */
class HostileInputRegressionTest extends ApiIntegrationTest {

    private static final String CREDS = "/api/v1/users/me/llm-credentials";

    @Test
    void brokenPercentEscapesInAFormAre400() {
        Response r = api.raw("POST", "/api/v1/login/access-token", null, "application/x-www-form-urlencoded",
                "username=%zz&password=%");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("code")).isEqualTo("malformed_request");
    }

    @Test
    void aFormBodyWhereJsonIsExpectedIs4xx() {
        String token = api.newUser();
        Response r = api.raw("POST", "/api/v1/lab/agent/sessions", token, "application/x-www-form-urlencoded",
                "{\"user_goal\": \"100%' of BTC\"}");
        assertThat(r.status()).isBetween(400, 499);
    }

    @Test
    void aWildcardContentTypeIs415() {
        Response r = api.raw("POST", "/api/v1/users/signup", null, "*/*", "{\"email\":\"a@b.c\",\"password\":\"x\"}");
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.text("code")).isEqualTo("unsupported_media_type");
    }

    @Test
    void aPasswordOverBcryptsLimitIsRefusedNotCut() {
        Response r = api.post("/api/v1/users/signup", null, Map.of("email", "long-" + System.nanoTime() + "@example.com",
                "password", "é".repeat(40))); // 40 characters, 80 bytes
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("code")).isEqualTo("password_too_long");
    }

    @Test
    void theErrorPathItselfIsNotFound() {
        Response r = api.get("/error", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text("code")).isEqualTo("not_found");
    }

    @Test
    void aNulCharacterIsRefusedInEveryStoredTextFieldAndNamed() {
        // issue 19, item 9: H2 stored what PostgreSQL refuses; now both refuse it the same way, naming the field
        String token = api.newUser();
        String key = "sk-nul-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        String cred = api.post(CREDS, token, Map.of("provider", "openai", "api_key", key)).text("id");

        assertNul(api.raw("POST", CREDS, token, "application/json",
                "{\"provider\":\"openai\",\"api_key\":\"" + key + "\",\"label\":\"a\\u0000b\"}"), "label");
        assertNul(api.raw("PATCH", CREDS + "/" + cred, token, "application/json", "{\"label\":\"a\\u0000b\"}"), "label");
        assertNul(api.raw("POST", "/api/v1/users/me/tokens", token, "application/json",
                "{\"name\":\"a\\u0000b\"}"), "name");
        assertNul(api.raw("POST", "/api/v1/lab/agent/sessions", token, "application/json",
                "{\"user_goal\":\"BTC a\\u0000b\"}"), "user_goal");
        assertNul(api.raw("POST", "/api/v1/users/signup", null, "application/json", "{\"email\":\"nul-"
                + UUID.randomUUID() + "@example.com\",\"password\":\"correct-horse-9\",\"full_name\":\"a\\u0000\"}"),
                "full_name");

        String user = api.get("/api/v1/users/me", token).text("id");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_llm_credentials WHERE user_id = ? AND label IS NOT NULL",
                Integer.class, UUID.fromString(user))).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM personal_access_tokens WHERE user_id = ?", Integer.class,
                UUID.fromString(user))).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM agent_sessions WHERE user_id = ?", Integer.class,
                UUID.fromString(user))).isZero();
    }

    private static void assertNul(Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.text("code")).isEqualTo("invalid_text");
        assertThat(r.text("field")).isEqualTo(field);
        assertThat(r.text("detail")).contains("'" + field + "'").contains("NUL");
    }

    /** Numbers that do not fit their field, or are of the wrong kind: a 400 that names the field and says why. */
    @Test
    void aNumberThatDoesNotFitIsA400NamingTheField() {
        String token = api.newUser();
        for (String days : new String[] {"3000000000", "99999999999999999999999", "1e400", "2.5", "\"ten\""}) {
            Response r = api.raw("POST", "/api/v1/users/me/tokens", token, "application/json",
                    "{\"name\":\"t\",\"expires_in_days\":" + days + "}");
            assertThat(r.status()).as(days + " -> " + r.body()).isEqualTo(400);
            assertThat(r.text("detail")).as(days).contains("expires_in_days");
        }
        Response budget = api.raw("PUT", "/api/v1/users/me/budget", token, "application/json",
                "{\"session_cap_usd\":\"lots\"}");
        assertThat(budget.status()).isEqualTo(400);
        assertThat(budget.text("detail")).contains("session_cap_usd");
        assertThat(api.get("/api/v1/users/me/tokens", token).json()).isEmpty(); // nothing was made on the way
    }

    @Test
    void aQueryNumberOutOfItsRangeIsA400SayingTheRange() {
        String token = api.newUser();
        Response huge = api.get("/api/v1/users/me/audit?limit=3000000000", token);
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.text("detail")).contains("limit").contains("whole number");
        Response many = api.get("/api/v1/users/me/audit?limit=5000", token);
        assertThat(many.status()).isEqualTo(400);
        assertThat(many.text("detail")).contains("limit").contains("1000");
        Response none = api.get("/api/v1/lab/agent/sessions?limit=0", token);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.text("detail")).contains("limit").contains("1");
        Response date = api.get("/api/v1/users/me/usage?from=2026-13-01", token);
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.text("detail")).contains("from").contains("2026-11-30");
    }
}
