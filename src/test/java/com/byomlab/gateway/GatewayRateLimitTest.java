package com.byomlab.gateway;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Gateway calls count against the user's own {@code gateway-calls} limit, refused in OpenAI's 429 shape. */
@TestPropertySource(properties = "byom.rate-limits.gateway-calls.capacity=2")
class GatewayRateLimitTest extends ApiIntegrationTest {

    @Test
    void theThirdCallInTheWindowIsRefusedWithoutCallingTheProvider() {
        String login = api.newUser();
        String token = GatewayFixtures.secret(api, login, GatewayFixtures.credential(api, login,
                Upstream.openAi(OPENAI)));
        Map<String, Object> hello = Map.of("model", "gpt-4o-mini",
                "messages", List.of(Map.of("role", "user", "content", "hi")));

        Response first = api.post("/v1/chat/completions", token, hello);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.headers().get("ratelimit-policy")).containsExactly("2;w=3600");
        assertThat(first.headers().get("ratelimit-remaining")).containsExactly("1");
        Response models = api.get("/v1/models", token);
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.headers().get("ratelimit-remaining")).containsExactly("0");
        Response refused = api.post("/v1/chat/completions", token, hello);

        GatewayErrorsTest.assertError(refused, 429, "rate_limit_error", "rate_limit_exceeded", null);
        assertThat(refused.headers().get("retry-after")).isNotEmpty();
        // our own refusal: the headers describe our limit
        assertThat(refused.headers().get("ratelimit-policy")).containsExactly("2;w=3600");
        assertThat(refused.headers().get("ratelimit-remaining")).containsExactly("0");
        assertThat(refused.json().path("error").path("message").asString()).contains("2 per hour");
        assertThat(OPENAI.chat().requests()).hasSize(1);
        // another user's allowance is their own
        String other = api.newUser();
        String otherToken = GatewayFixtures.secret(api, other, GatewayFixtures.credential(api, other,
                Upstream.openAi(OPENAI)));
        assertThat(api.post("/v1/chat/completions", otherToken, hello).status()).isEqualTo(200);
    }
}
