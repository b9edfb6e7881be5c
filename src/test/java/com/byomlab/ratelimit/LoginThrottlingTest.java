package com.byomlab.ratelimit;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static com.byomlab.ratelimit.CredentialRateLimitTest.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed logins: 10 per account and 50 per client address in 15 minutes (the production defaults).
 * Every test request comes from 127.0.0.1, which the whole suite shares: the address bucket is reset
 * around each test so that no other test inherits a throttled address.
 */
class LoginThrottlingTest extends ApiIntegrationTest {

    static final String PASSWORD = "correct-horse-9";

    @BeforeEach
    void startWithAFreshLoopbackAddress() {
        forgetTheLoopbackAddress();
    }

    @AfterEach
    void forgetTheLoopbackAddress() {
        forgetBuckets("login-per-address:");
    }

    @Test
    void afterTenFailedLoginsTheAccountIsRefusedEvenWithTheRightPassword() {
        String email = signUp();
        for (int i = 1; i <= 10; i++) {
            assertThat(login(email, "wrong-" + i).status()).as("attempt %d", i).isEqualTo(401);
        }

        Response refused = login(email, PASSWORD);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text("code")).isEqualTo("rate_limited");
        assertThat(refused.text("limit")).isEqualTo("login-per-account");
        assertThat(refused.text("detail")).contains("failed logins for this account", "10 per 15 minutes");
        assertThat(Long.parseLong(header(refused, "Retry-After"))).isBetween(1L, 900L);
        assertThat(header(refused, "RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.body()).doesNotContain("access_token");
        // the same address can still log in to another account
        String other = signUp();
        assertThat(login(other, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void successfulLoginsDoNotCount() {
        String email = signUp();
        for (int i = 0; i < 9; i++) {
            assertThat(login(email, "wrong").status()).isEqualTo(401);
        }
        for (int i = 0; i < 15; i++) {
            assertThat(login(email, PASSWORD).status()).as("login %d", i).isEqualTo(200);
        }
        assertThat(login(email, "wrong").status()).isEqualTo(401);  // the 10th failure is still allowed
        assertThat(login(email, PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void after50FailedLoginsFromOneAddressEveryAccountIsRefusedFromIt() {
        String email = signUp();
        for (int i = 1; i <= 50; i++) {
            // a different (unknown) account each time: only the address limit is in play
            assertThat(login("nobody-" + UUID.randomUUID() + "@example.com", "guess").status())
                    .as("attempt %d", i).isEqualTo(401);
        }

        Response refused = login(email, PASSWORD);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text("limit")).isEqualTo("login-per-address");
        assertThat(refused.text("detail")).contains("failed logins from your address", "50 per 15 minutes");
        assertThat(header(refused, "Retry-After")).isNotBlank();
    }

    private String signUp() {
        String email = "login-" + UUID.randomUUID() + "@example.com";
        Response r = api.post("/api/v1/users/signup", null, Map.of("email", email, "password", PASSWORD,
                "full_name", "Login Test"));
        assertThat(r.status()).isEqualTo(201);
        return email;
    }

    private Response login(String email, String password) {
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return api.raw("POST", "/api/v1/login/access-token", null, "application/x-www-form-urlencoded", form);
    }
}
