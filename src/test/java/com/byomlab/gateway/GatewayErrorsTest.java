package com.byomlab.gateway;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal and failure of the gateway in OpenAI's error format, with a status clients know how to treat. */
class GatewayErrorsTest extends ApiIntegrationTest {

    static final String CHAT = "/v1/chat/completions";

    String login;
    String credential;
    String token;

    @BeforeEach
    void user() {
        login = api.newUser();
        credential = GatewayFixtures.credential(api, login, Upstream.openAi(OPENAI));
        token = GatewayFixtures.secret(api, login, credential);
    }

    @Test
    void badRequestsAre400WithTheParameterNamed() {
        assertError(api.raw("POST", CHAT, token, "application/json", "{\"model\": oops"), 400,
                "invalid_request_error", null, null);
        assertError(api.post(CHAT, token, Map.of("model", "gpt-4o-mini")), 400, "invalid_request_error", null,
                "messages");
        assertError(api.post(CHAT, token, Map.of("model", "gpt-4o-mini", "messages",
                List.of(Map.of("role", "wizard", "content", "hi")))), 400, "invalid_request_error", null,
                "messages[0].role");
        assertError(api.post(CHAT, token, Map.of("model", "gpt-4o-mini", "n", 2, "messages",
                List.of(Map.of("role", "user", "content", "hi")))), 400, "invalid_request_error",
                "unsupported_parameter", "n");
        assertError(api.post(CHAT, token, Map.of("model", "gpt-4o-mini", "messages", List.of(
                Map.of("role", "tool", "tool_call_id", "call_nowhere", "content", "{}")))), 400,
                "invalid_request_error", null, "messages[0].tool_call_id");
        assertError(api.post(CHAT, token, Map.of("model", "gpt-4o-mini", "messages", List.of(Map.of("role", "user",
                "content", List.of(Map.of("type", "image_url", "image_url", Map.of("url", "http://x/y.png"))))))),
                400, "invalid_request_error", "unsupported_parameter", "messages[0].content");
        assertThat(OPENAI.chat().requests()).isEmpty();
        assertError(api.get("/v1/embeddings", token), 404, "invalid_request_error", "unknown_url", null);
    }

    @Test
    void anUnknownModelIsOpenAisModelNotFound() {
        Response r = api.post(CHAT, token, hello("gpt-unknown"));
        assertError(r, 404, "invalid_request_error", "model_not_found", "model");
        assertThat(r.body()).doesNotContain("does not exist or you do not have access"); // never the provider's text
        assertThat(usageRows()).singleElement().satisfies(row -> {
            assertThat(row.get("outcome")).isEqualTo("unknown_model");
            assertThat(row.get("purpose")).isEqualTo("gateway");
        });
    }

    @Test
    void upstreamRateLimitsAfterOurRetriesAre429() {
        OPENAI.chat().enqueue(ChatReply.failure(Scenario.rateLimited(0)), ChatReply.failure(Scenario.rateLimited(0)),
                ChatReply.failure(Scenario.rateLimited(0)), ChatReply.failure(Scenario.rateLimited(0)));
        Response r = api.post(CHAT, token, hello("gpt-4o-mini"));
        assertError(r, 429, "rate_limit_error", "rate_limit_exceeded", null);
        assertThat(OPENAI.chat().requests()).hasSize(4); // 1 + 3 retries
        assertThat(usageRows()).singleElement().satisfies(row -> assertThat(row.get("attempts")).isEqualTo(4));
        assertThat(r.headers().get("x-should-retry")).containsExactly("false"); // our retries are spent
        assertThat(r.headers().get("retry-after")).containsExactly("0");        // the provider's last word
        assertNoLimitHeadersOfOurs(r);
    }

    @Test
    void aProvidersRateLimitPassesOnItsRetryAfterNeverOurLimitHeaders() {
        // 120 s is beyond byom.llm.retry.max-retry-after (60 s): not waited for, passed on at once
        OPENAI.chat().enqueue(ChatReply.failure(Scenario.rateLimited(120)), ChatReply.failure(Scenario.rateLimited(120)));
        Map<String, Object> streamed = Map.of("model", "gpt-4o-mini", "stream", true,
                "messages", List.of(Map.of("role", "user", "content", "hi")));

        for (Response r : List.of(api.post(CHAT, token, hello("gpt-4o-mini")), api.post(CHAT, token, streamed))) {
            assertError(r, 429, "rate_limit_error", "rate_limit_exceeded", null);
            assertThat(r.headers().get("retry-after")).containsExactly("120");
            assertThat(r.headers().get("x-should-retry")).containsExactly("false");
            assertNoLimitHeadersOfOurs(r);
            assertThat(r.json().path("error").path("message").asString())
                    .endsWith("is rate-limiting this key right now. Wait 120 seconds and try again.");
        }
        assertThat(OPENAI.chat().requests()).hasSize(2);
    }

    @Test
    void aProviderFailureAfterOurRetriesTellsClientsNotToRetry() {
        for (int i = 0; i < 4; i++) {
            OPENAI.chat().enqueue(ChatReply.failure(Scenario.serverError(500)));
        }
        Response r = api.post(CHAT, token, hello("gpt-4o-mini"));
        assertError(r, 502, "server_error", "provider_unavailable", null);
        assertThat(r.headers().get("x-should-retry")).containsExactly("false");
        assertThat(r.headers()).doesNotContainKey("retry-after");
        assertNoLimitHeadersOfOurs(r);
        assertThat(OPENAI.chat().requests()).hasSize(4);
    }

    @Test
    void aReachedMonthlyCapRefusesTheNextCallWithoutCallingTheProvider() {
        assertThat(api.put("/api/v1/users/me/budget", login, Map.of("monthly_cap_usd", "0.001")).status())
                .isEqualTo(200);
        OPENAI.chat().enqueue(ChatReply.text("expensive").usage(1_000_000, 0));      // $1, crosses the cap
        assertThat(api.post(CHAT, token, hello("gpt-4o-mini")).status()).isEqualTo(200);

        Response refused = api.post(CHAT, token, hello("gpt-4o-mini"));

        assertError(refused, 429, "insufficient_quota", "cost_limit_reached", null);
        assertThat(refused.headers().get("x-should-retry")).containsExactly("false");
        assertThat(OPENAI.chat().requests()).hasSize(1);
        assertThat(api.get("/api/v1/users/me/alerts", login).body()).contains("monthly_cap_reached");
    }

    @Test
    void aStreamThatFailsBeforeItsFirstChunkGetsAPlainErrorResponse() {
        OPENAI.chat().enqueue(ChatReply.failure(Scenario.quotaExhausted()));
        Map<String, Object> body = Map.of("model", "gpt-4o-mini", "stream", true,
                "messages", List.of(Map.of("role", "user", "content", "hi")));
        Response r = api.post(CHAT, token, body);
        assertError(r, 429, "insufficient_quota", "insufficient_quota", null);
        assertThat(r.headers().get("x-should-retry")).containsExactly("false");
    }

    @Test
    void aStreamThatBreaksAfterItsFirstChunkEndsWithAnErrorEventAndIsNotRetried() {
        OPENAI.chat().enqueue(ChatReply.streamCutAfter(ChatReply.text("partial answer that never ends"), 3));
        Map<String, Object> body = Map.of("model", "gpt-4o-mini", "stream", true,
                "messages", List.of(Map.of("role", "user", "content", "hi")));
        Response r = api.post(CHAT, token, body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("ratelimit-policy")).as("our limit, on the answer that started").isNotEmpty();
        assertThat(r.body()).contains("\"content\":\"partial \"").contains("data: {\"error\":")
                .doesNotContain("[DONE]");
        assertThat(OPENAI.chat().requests()).hasSize(1);
        assertThat(usageRows()).singleElement().satisfies(row -> assertThat(row.get("outcome"))
                .isEqualTo("interrupted"));
    }

    private Map<String, Object> hello(String model) {
        return Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", "hi")));
    }

    private List<Map<String, Object>> usageRows() {
        return jdbc.queryForList("SELECT * FROM llm_usage WHERE credential_id = ? ORDER BY id",
                UUID.fromString(credential));
    }

    /** These answered 500 (max_tokens, stop) or went upstream as sent (temperature); over HTTP, not just the parser. */
    @Test
    void numbersThatDoNotFitAre400sNot500s() {
        String hi = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        assertError(api.raw("POST", CHAT, token, "application/json", "{\"model\":\"gpt-4o-mini\"," + hi
                + ",\"max_tokens\":3000000000}"), 400, "invalid_request_error", null, "max_tokens");
        assertError(api.raw("POST", CHAT, token, "application/json", "{\"model\":\"gpt-4o-mini\"," + hi
                + ",\"stream\":true,\"max_completion_tokens\":99999999999999999999}"), 400, "invalid_request_error",
                null, "max_completion_tokens");
        assertError(api.raw("POST", CHAT, token, "application/json", "{\"model\":\"gpt-4o-mini\"," + hi
                + ",\"temperature\":1e400}"), 400, "invalid_request_error", null, "temperature");
        assertError(api.raw("POST", CHAT, token, "application/json", "{\"model\":\"gpt-4o-mini\"," + hi
                + ",\"stop\":[1,{}]}"), 400, "invalid_request_error", null, "stop[0]");
        assertThat(OPENAI.chat().requests()).isEmpty();
    }

    /** Our RateLimit-* headers describe our gateway-calls limit: never on an answer that passes on a provider's. */
    static void assertNoLimitHeadersOfOurs(Response r) {
        assertThat(r.headers().keySet()).noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("ratelimit"));
    }

    static void assertError(Response r, int status, String type, String code, String param) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().get("content-type").get(0)).startsWith("application/json");
        JsonNode error = r.json().path("error");
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.path("type").asString()).isEqualTo(type);
        assertThat(error.has("code") && error.has("param")).isTrue();
        assertThat(error.path("code").isNull() ? null : error.path("code").asString()).isEqualTo(code);
        assertThat(error.path("param").isNull() ? null : error.path("param").asString()).isEqualTo(param);
    }
}
