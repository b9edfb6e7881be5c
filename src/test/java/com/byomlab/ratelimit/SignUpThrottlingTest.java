package com.byomlab.ratelimit;

import com.byomlab.testsupport.AbuseLimits;
import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.byomlab.ratelimit.CredentialRateLimitTest.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-up answers 409 {@code email_taken} for an email that has an account, so sign-ups are limited per client
 * address, 10 an hour (the production size; {@link AbuseLimits}), every attempt counting whatever its outcome. All
 * test requests come from 127.0.0.1: the address bucket is cleared around each test.
 */
@AbuseLimits
class SignUpThrottlingTest extends ApiIntegrationTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    @BeforeEach
    void startWithAFreshLoopbackAddress() {
        forgetTheLoopbackAddress();
    }

    @AfterEach
    void forgetTheLoopbackAddress() {
        forgetBuckets("signups-per-address:");
    }

    @Test
    void afterTenSignUpAttemptsFromOneAddressTheNextIsRefusedWhateverTheEmail() {
        String taken = "taken-" + UUID.randomUUID() + "@example.com";
        assertThat(signUp(taken).status()).isEqualTo(201);
        for (int i = 2; i <= 10; i++) {
            // probing whether an email has an account: each probe counts
            Response probe = signUp(taken);
            assertThat(probe.status()).as("attempt %d", i).isEqualTo(409);
            assertThat(probe.text("code")).isEqualTo("email_taken");
            assertThat(header(probe, "RateLimit-Remaining")).isEqualTo(Integer.toString(10 - i));
        }

        Response refused = signUp(taken);
        String fresh = "fresh-" + UUID.randomUUID() + "@example.com";
        Response alsoRefused = signUp(fresh);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text("code")).isEqualTo("rate_limited");
        assertThat(refused.text("limit")).isEqualTo("signups-per-address");
        assertThat(refused.text("detail")).contains("sign-up attempts from your address", "10 per hour");
        assertThat(refused.body()).doesNotContain("email_taken"); // the refusal tells nothing about the email
        assertThat(Long.parseLong(header(refused, "Retry-After"))).isBetween(1L, 3600L);
        assertThat(header(refused, "RateLimit-Policy")).isEqualTo("10;w=3600");
        assertThat(alsoRefused.status()).isEqualTo(429);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE email = ?", Integer.class, fresh)).isZero();
    }

    @Test
    void theSignUpPageCountsAgainstTheSameLimit() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(signUp("api-" + UUID.randomUUID() + "@example.com").status()).isEqualTo(201);
        }
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://127.0.0.1:" + port;
        String form = browser.send(HttpRequest.newBuilder(URI.create(base + "/signup")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF.matcher(form);
        assertThat(csrf.find()).as(form).isTrue();
        String email = "page-" + UUID.randomUUID() + "@example.com";
        String body = "_csrf=" + enc(csrf.group(1)) + "&email=" + enc(email) + "&password=correct-horse-9&fullName=Page";

        HttpResponse<String> shown = browser.send(HttpRequest.newBuilder(URI.create(base + "/signup"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(shown.statusCode()).as("the form shown again, not a redirect to the app").isEqualTo(200);
        assertThat(shown.body()).contains("sign-up attempts from your address");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM users WHERE email = ?", Integer.class, email)).isZero();
    }

    private Response signUp(String email) {
        return api.post("/api/v1/users/signup", null, Map.of("email", email, "password", "correct-horse-9",
                "full_name", "Probe"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
