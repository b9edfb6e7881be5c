package com.byomlab.ratelimit;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The production limits on the credential API: 20 validations, 10 writes, 50 reads per user and hour. */
class CredentialRateLimitTest extends ApiIntegrationTest {

    static final String PATH = "/api/v1/users/me/llm-credentials";

    @Autowired
    MeterRegistry metrics;

    @Test
    void the21stValidationInAnHourIs429WithTheHeadersAndNeverReachesTheProvider() {
        String token = api.newUser();
        String key = "sk-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        double hitsBefore = hits("validations");

        for (int i = 1; i <= 20; i++) {
            Response ok = api.post(PATH + "/validate", token, Map.of("provider", "openai", "api_key", key));
            assertThat(ok.status()).as("validation %d", i).isEqualTo(200);
            assertThat(header(ok, "RateLimit-Limit")).isEqualTo("20");
            assertThat(header(ok, "RateLimit-Remaining")).isEqualTo(Integer.toString(20 - i));
        }
        Response refused = api.post(PATH + "/validate", token, Map.of("provider", "openai", "api_key", key));

        assertRateLimited(refused, "validations", 20);
        assertThat(OPENAI.requests()).hasSize(20);
        // a create is a live check too: refused as well, nothing stored, no provider call
        Response create = api.post(PATH, token, Map.of("provider", "openai", "api_key", key));
        assertRateLimited(create, "validations", 20);
        assertThat(OPENAI.requests()).hasSize(20);
        assertThat(rowsOf(token)).isZero();
        assertThat(hits("validations")).isEqualTo(hitsBefore + 2);
    }

    @Test
    void the11thCredentialWriteIs429AndChangesNothing() {
        String token = api.newUser();
        String id = create(token);                                          // write 1
        for (int i = 2; i <= 10; i++) {
            assertThat(api.put(PATH + "/" + id + "/default", token, null).status()).as("write %d", i).isEqualTo(200);
        }

        assertRateLimited(api.delete(PATH + "/" + id, token), "credential-writes", 10);
        assertRateLimited(api.patch(PATH + "/" + id, token, Map.of("label", "renamed")), "credential-writes", 10);
        Response list = api.get(PATH, token);
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).path("label").asText()).isEmpty();
        assertThat(list.json().get(0).path("is_active").asBoolean()).isTrue();
    }

    @Test
    void the51stCredentialReadIs429() {
        String token = api.newUser();
        for (int i = 1; i <= 50; i++) {
            assertThat(api.get(PATH, token).status()).as("read %d", i).isEqualTo(200);
        }
        assertRateLimited(api.get(PATH, token), "credential-reads", 50);
        assertRateLimited(api.get(PATH + "/" + UUID.randomUUID() + "/models", token), "credential-reads", 50);
    }

    @Test
    void limitsArePerUser() {
        String alice = api.newUser();
        String bob = api.newUser();
        for (int i = 0; i < 50; i++) {
            api.get(PATH, alice);
        }
        assertThat(api.get(PATH, alice).status()).isEqualTo(429);

        Response bobs = api.get(PATH, bob);
        assertThat(bobs.status()).isEqualTo(200);
        assertThat(header(bobs, "RateLimit-Remaining")).isEqualTo("49");
    }

    private void assertRateLimited(Response r, String limit, int size) {
        assertThat(r.status()).as(r.body()).isEqualTo(429);
        assertThat(header(r, "Content-Type")).startsWith("application/problem+json");
        assertThat(r.text("code")).isEqualTo("rate_limited");
        assertThat(r.text("limit")).isEqualTo(limit);
        assertThat(r.json().path("limit_size").asInt()).isEqualTo(size);
        assertThat(r.text("detail")).contains(size + " per hour").contains("Retry in");
        long retryAfter = Long.parseLong(header(r, "Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(r.json().path("retry_after_seconds").asLong()).isEqualTo(retryAfter);
        assertThat(header(r, "RateLimit-Limit")).isEqualTo(Integer.toString(size));
        assertThat(header(r, "RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(header(r, "RateLimit-Reset"))).isBetween(1L, 3600L);
        assertThat(header(r, "RateLimit-Policy")).isEqualTo(size + ";w=3600");
    }

    private String create(String token) {
        String key = "sk-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        Response r = api.post(PATH, token, Map.of("provider", "openai", "api_key", key));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    private int rowsOf(String token) {
        UUID user = UUID.fromString(api.get("/api/v1/users/me", token).text("id"));
        return jdbc.queryForObject("SELECT COUNT(*) FROM user_llm_credentials WHERE user_id = ?", Integer.class, user);
    }

    private double hits(String limit) {
        return metrics.get("byom.rate_limit.hits").tag("limit", limit).counter().count();
    }

    static String header(Response r, String name) {
        return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }
}
