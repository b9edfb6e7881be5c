package com.byomlab.ratelimit;

import com.byomlab.ByomLabApplication;
import com.byomlab.testsupport.ApiClient;
import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service on one database: the test's own application plus a second one started
 * here with the same settings (the in-memory H2 of this JVM, or PostgreSQL under -Ppostgres). They
 * share nothing but the database, yet the 21st validation in the hour is refused whichever serves it. On H2 the
 * buckets are kept in the database here, as for several instances on an H2 server (alone, H2 keeps them in memory).
 */
@TestPropertySource(properties = "byom.rate-limits.buckets.store=database") // H2 alone would keep them in memory
class TwoInstancesTest extends ApiIntegrationTest {

    static final String PATH = "/api/v1/users/me/llm-credentials/validate";
    /** What the second instance must share with the first: database, master key, provider endpoints. */
    static final List<String> SHARED = List.of("byom.rate-limits.buckets.store", "spring.datasource.url",
            "spring.datasource.username",
            "spring.datasource.password", "spring.flyway.schemas", "ENCRYPTION_KEY", "byom.providers.openai.base-url",
            "byom.providers.anthropic.base-url", "byom.providers.google.base-url",
            "byom.security.allow-private-endpoints", "byom.system-default.provider", "byom.system-default.model",
            "byom.system-default.api-key", "byom.llm.validation-timeout");

    static ConfigurableApplicationContext second;

    @Autowired
    Environment environment;

    @BeforeAll
    static void startASecondInstance(@Autowired Environment first) {
        // as command-line arguments: they win over application.yml (which says server.port=8080)
        List<String> args = new ArrayList<>();
        for (String name : SHARED) {
            String value = first.getProperty(name);
            if (value != null) {
                args.add("--" + name + "=" + value);
            }
        }
        args.add("--server.port=0");
        second = new SpringApplicationBuilder(ByomLabApplication.class).run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopTheSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void bothInstancesUseTheSameDatabase() {
        assertThat(second.getEnvironment().getProperty("spring.datasource.url"))
                .isEqualTo(environment.getProperty("spring.datasource.url"));
        assertThat(secondPort()).isNotEqualTo(port);
    }

    @Test
    void the21stValidationIsRefusedWhenTheFirstInstanceServesIt() {
        ApiClient a = api;
        ApiClient b = new ApiClient(secondPort());
        alternate21Validations(a, b);
    }

    @Test
    void the21stValidationIsRefusedWhenTheSecondInstanceServesIt() {
        ApiClient a = api;
        ApiClient b = new ApiClient(secondPort());
        alternate21Validations(b, a);
    }

    /** Validations 1, 3, …, 21 go to {@code odd}, 2, 4, …, 20 to {@code even}. */
    private void alternate21Validations(ApiClient odd, ApiClient even) {
        String token = odd.newUser(); // tokens are valid on every instance
        String key = "sk-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        Map<String, String> body = Map.of("provider", "openai", "api_key", key);

        for (int i = 1; i <= 20; i++) {
            Response ok = (i % 2 == 1 ? odd : even).post(PATH, token, body);
            assertThat(ok.status()).as("validation %d: %s", i, ok.body()).isEqualTo(200);
            assertThat(ok.json().path("valid").asBoolean()).isTrue();
            assertThat(CredentialRateLimitTest.header(ok, "RateLimit-Remaining")).isEqualTo(Integer.toString(20 - i));
        }
        Response refused = odd.post(PATH, token, body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.text("limit")).isEqualTo("validations");
        assertThat(CredentialRateLimitTest.header(refused, "Retry-After")).isNotBlank();
        assertThat(even.post(PATH, token, body).status()).isEqualTo(429);
        assertThat(OPENAI.requests()).hasSize(20);
    }

    private int secondPort() {
        return Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }
}
