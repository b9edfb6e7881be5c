package com.byomlab.web;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Inputs the fuzz test once turned into 500s, each pinned to its 4xx. */
class HostileInputRegressionTest extends ApiIntegrationTest {

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
    void aNulCharacterIsStoredOrRefusedButNeverA500() {
        String token = api.newUser();
        Response r = api.post("/api/v1/lab/agent/sessions", token, Map.of("user_goal", "BTC a\u0000b"));
        assertThat(r.status()).isIn(201, 400);
        if (r.status() == 400) {
            assertThat(r.text("code")).isEqualTo("invalid_text");
        }
    }
}
