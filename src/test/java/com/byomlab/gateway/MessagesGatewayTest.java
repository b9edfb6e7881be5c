package com.byomlab.gateway;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.RawHttp;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/messages} over plain HTTP, for what an SDK does not show: the pass-through keeps the body byte for byte
 * (thinking blocks and their signatures, cache_control) and the anthropic-version / anthropic-beta headers, never
 * forwards the caller's token, meters a stream's cache reads and writes; errors are Anthropic's; a pass-through
 * moves only to credentials that speak Anthropic's protocol.
 */
@ExtendWith(OutputCaptureExtension.class)
class MessagesGatewayTest extends ApiIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String MODEL = "claude-sonnet-4-20250514";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Whitespace, key order, escapes and a signed thinking block, as a client wrote them. */
    static final String BODY = "{\"model\":\"" + MODEL + "\", \"max_tokens\": 1024, \"temperature\":0.70,"
            + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":512},%s"
            + "\"system\":[{\"type\":\"text\",\"text\":\"Be brief.\",\"cache_control\":{\"type\":\"ephemeral\"}}],"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi \\u00e9\"},{\"role\":\"assistant\",\"content\":["
            + "{\"type\":\"thinking\",\"thinking\":\"Let me think.\",\"signature\":\"EqQBCgIYAhIM1gbcDa9GJwZA2b3h+/=\"},"
            + "{\"type\":\"redacted_thinking\",\"data\":\"EmwKAhgBEgy3va3pzix/LafPsn4a\"},"
            + "{\"type\":\"text\",\"text\":\"Hello.\"}]},{\"role\":\"user\",\"content\":[{\"type\":\"text\","
            + "\"text\":\"More.\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}]}]}";

    @Test
    void thePassThroughSendsTheBodyAndAnthropicHeadersUnchangedWithTheCredentialsKeyOnly(CapturedOutput logs)
            throws Exception {
        Upstream up = Upstream.anthropic(ANTHROPIC);
        String token = token(up);
        ANTHROPIC.chat().enqueue(ChatReply.text("Fine.").usage(1200, 300).cached(200));
        String body = BODY.formatted("");

        HttpResponse<String> answer = post("/v1/messages", body, "x-api-key", token,
                "anthropic-version", "2023-06-01", "anthropic-beta", "interleaved-thinking-2025-05-14",
                "anthropic-beta", "extended-cache-ttl-2025-04-11", "x-app", "cli");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        RecordedRequest seen = ANTHROPIC.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.body()).as("byte for byte").isEqualTo(body);
        assertThat(seen.header("x-api-key")).hasValue(up.key());
        assertThat(seen.header("anthropic-version")).hasValue("2023-06-01");
        assertThat(seen.header("anthropic-beta"))
                .hasValue("interleaved-thinking-2025-05-14,extended-cache-ttl-2025-04-11");
        assertThat(seen.header("x-app")).as("only Anthropic's own headers pass").isEmpty();
        assertThat(seen.header("authorization")).isEmpty();
        assertThat(seen.headers().toString()).doesNotContain(token);
        JsonNode message = JSON.readTree(answer.body());
        assertThat(message.path("type").asString()).isEqualTo("message");
        assertThat(message.path("usage").path("cache_read_input_tokens").asInt()).isEqualTo(200);
        assertThat(answer.body() + answer.headers() + logs.getAll()).doesNotContain(up.key());
    }

    @Test
    void aPassedThroughStreamIsMeteredWithItsCacheReadsAndWrites() throws Exception {
        Upstream up = Upstream.anthropic(ANTHROPIC);
        String login = api.newUser();
        String credentialId = GatewayFixtures.credential(api, login, up);
        String token = GatewayFixtures.secret(api, login, credentialId);
        ANTHROPIC.chat().enqueue(ChatReply.text("A streamed answer in a few words.").usage(1500, 300).cached(200)
                .cacheWrite(300));

        HttpResponse<String> answer = post("/v1/messages", BODY.formatted("\"stream\":true,"), "authorization",
                "Bearer " + token);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(answer.body()).startsWith("event: message_start\n")
                .contains("\"cache_creation_input_tokens\":300").contains("\"cache_read_input_tokens\":200")
                .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM llm_usage WHERE credential_id = ?",
                UUID.fromString(credentialId));
        assertThat(row.get("input_tokens")).isEqualTo(1500);
        assertThat(row.get("cached_input_tokens")).isEqualTo(200);
        assertThat(row.get("cache_write_tokens")).isEqualTo(300);
        assertThat(row.get("output_tokens")).isEqualTo(300);
        assertThat(row.get("usage_reported")).isEqualTo(true);
    }

    @Test
    void errorsAreInAnthropicsFormat() throws Exception {
        Upstream up = Upstream.anthropic(ANTHROPIC);
        String token = token(up);

        HttpResponse<String> noToken = post("/v1/messages", BODY.formatted(""));
        assertError(noToken, 401, "authentication_error");
        assertError(post("/v1/messages", BODY.formatted(""), "x-api-key", "byom_pat_not_a_real_token"), 401,
                "authentication_error");
        assertError(post("/v1/messages", "{\"max_tokens\":5,\"messages\":[]}", "x-api-key", token), 400,
                "invalid_request_error");
        assertError(post("/v1/messages", BODY.formatted("").replace(MODEL, "claude?x=1"), "x-api-key", token), 400,
                "invalid_request_error");
        assertError(post("/v1/messages", "not json", "x-api-key", token), 400, "invalid_request_error");
        // 40 MB promised, none sent: refused by the gateway's body cap before anything reads it
        RawHttp.Answer huge = new RawHttp(port).send("POST /v1/messages HTTP/1.1", null,
                "Content-Type: application/json", "Content-Length: 40000000", "x-api-key: " + token);
        assertThat(huge.status()).as(huge.toString()).isEqualTo(413);
        assertThat(JSON.readTree(huge.body()).path("error").path("type").asString()).isEqualTo("request_too_large");
        assertThat(ANTHROPIC.chat().requests()).as("none of these reached the provider").isEmpty();

        ANTHROPIC.expectKey("sk-ant-another-key-entirely");
        HttpResponse<String> refused = post("/v1/messages", BODY.formatted(""), "x-api-key", token);
        assertError(refused, 403, "permission_error");
        assertThat(refused.body()).doesNotContain("invalid x-api-key"); // the provider's own words stay out
    }

    @Test
    void aPassThroughFallsBackOnlyToCredentialsThatSpeakAnthropic() throws Exception {
        String login = api.newUser();
        Upstream first = Upstream.anthropic(ANTHROPIC);
        String firstId = GatewayFixtures.credential(api, login, first);
        String openAiId = GatewayFixtures.credential(api, login, Upstream.openAi(OPENAI));
        Upstream second = Upstream.anthropic(ANTHROPIC);
        String secondId = GatewayFixtures.credential(api, login, second); // the fake now takes only this key
        assertThat(api.put("/api/v1/users/me/llm-fallback", login, Map.of("credential_ids",
                List.of(openAiId, secondId), "use_system_default", false)).status()).isEqualTo(200);
        String token = GatewayFixtures.secret(api, login, firstId);
        ANTHROPIC.chat().enqueue(ChatReply.text("From the second key."));

        HttpResponse<String> answer = post("/v1/messages", BODY.formatted(""), "x-api-key", token);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("From the second key.");
        assertThat(answer.headers().firstValue(FallbackHeaders.CREDENTIAL)).hasValue(secondId);
        assertThat(answer.headers().firstValue(FallbackHeaders.FALLBACK).orElse(""))
                .startsWith(firstId + ";reason=invalid_key").doesNotContain(openAiId);
        assertThat(OPENAI.chat().requests()).as("the OpenAI credential is skipped: it cannot read the body").isEmpty();
        assertThat(ANTHROPIC.lastRequest().body()).isEqualTo(BODY.formatted(""));
    }

    @Test
    void aPassedThroughStreamThatBreaksAfterItBeganEndsWithAnAnthropicErrorEvent() throws Exception {
        Upstream up = Upstream.anthropic(ANTHROPIC);
        String token = token(up);
        ANTHROPIC.chat().enqueue(ChatReply.streamCutAfter(ChatReply.text("A longer answer that breaks off here."), 5));

        HttpResponse<String> answer = post("/v1/messages", BODY.formatted("\"stream\":true,"), "x-api-key", token);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).startsWith("event: message_start\n").contains("text_delta")
                .doesNotContain("message_stop");
        String last = answer.body().substring(answer.body().lastIndexOf("event: "));
        assertThat(last).startsWith("event: error\ndata: ");
        JsonNode error = JSON.readTree(last.substring(last.indexOf("data: ") + 6).strip());
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.path("error").path("type").asString()).isEqualTo("api_error");
        assertThat(ANTHROPIC.chat().requests()).as("not retried once the answer began").hasSize(1);
    }

    @Test
    void aTranslatedStreamThatBreaksAfterItBeganEndsWithAnAnthropicErrorEvent() throws Exception {
        Upstream up = Upstream.openAi(OPENAI);
        String token = token(up);
        OPENAI.chat().enqueue(ChatReply.streamCutAfter(ChatReply.text("A longer answer that breaks off here."), 4));

        HttpResponse<String> answer = post("/v1/messages", BODY.formatted("\"stream\":true,"), "x-api-key", token);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).startsWith("event: message_start\n").contains("text_delta")
                .doesNotContain("message_stop");
        String last = answer.body().substring(answer.body().lastIndexOf("event: "));
        assertThat(last).startsWith("event: error\ndata: ");
        assertThat(JSON.readTree(last.substring(last.indexOf("data: ") + 6).strip()).path("error").path("type")
                .asString()).isEqualTo("api_error");
    }

    @Test
    void aPromptOverTheContextWindowIsToldInAnthropicsWordsWhichClaudeCodeCompactsOn() throws Exception {
        String token = token(Upstream.anthropic(ANTHROPIC));
        ANTHROPIC.badRequestText("prompt is too long: 208310 tokens > 200000 maximum (see the context window docs)");
        ANTHROPIC.chat().enqueue(ChatReply.failure(com.byomlab.testsupport.fakes.Scenario.badRequest()));

        HttpResponse<String> answer = post("/v1/messages", BODY.formatted(""), "x-api-key", token);

        assertError(answer, 400, "invalid_request_error");
        assertThat(JSON.readTree(answer.body()).path("error").path("message").asString())
                .isEqualTo("prompt is too long: 208310 tokens > 200000 maximum");
        assertThat(ANTHROPIC.chat().requests()).as("a refused request is not retried").hasSize(1);
    }

    @Test
    void aReachedCostCapIsABillingErrorAndThePassedThroughCallThatCrossedItWasPriced() throws Exception {
        String login = api.newUser();
        String token = GatewayFixtures.secret(api, login, GatewayFixtures.credential(api, login,
                Upstream.anthropic(ANTHROPIC)));
        assertThat(api.put("/api/v1/users/me/budget", login, Map.of("monthly_cap_usd", "0.001")).status())
                .isEqualTo(200);
        ANTHROPIC.chat().enqueue(ChatReply.text("expensive").usage(1_000_000, 0)); // $3 at the test price
        assertThat(post("/v1/messages", BODY.formatted(""), "x-api-key", token).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = post("/v1/messages", BODY.formatted("\"stream\":true,"), "x-api-key", token);

        assertError(refused, 402, "billing_error");
        assertThat(refused.headers().firstValue("x-should-retry")).hasValue("false");
        assertThat(ANTHROPIC.chat().requests()).as("refused before the provider").hasSize(1);
    }

    @Test
    void anImageGoesToAnotherProviderAsAnImageAndAToolsImageAsALineSayingSo() throws Exception {
        String token = token(Upstream.openAi(OPENAI));
        OPENAI.chat().enqueue(ChatReply.text("A small red square."));
        String body = "{\"model\":\"" + MODEL + "\",\"max_tokens\":100,\"messages\":["
                + "{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
                + "\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}},{\"type\":\"text\",\"text\":\"And this?\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Read\","
                + "\"input\":{\"file_path\":\"/tmp/a.png\"}}]},{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":[{\"type\":\"image\",\"source\":{"
                + "\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}]}]}]}";

        HttpResponse<String> answer = post("/v1/messages", body, "x-api-key", token);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("content").get(0).path("text").asString())
                .isEqualTo("A small red square.");
        String sent = OPENAI.chat().lastRequest().raw().body();
        assertThat(sent).contains("data:image/png;base64,iVBORw0KGgo=").contains("And this?")
                .contains("[image returned by the tool: not passed on to this model]");
    }

    @Test
    void countTokensOnAnotherProviderIsAnEstimateSaidToBeOne() throws Exception {
        String token = token(Upstream.openAi(OPENAI));

        HttpResponse<String> answer = post("/v1/messages/count_tokens", "{\"model\":\"" + MODEL + "\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(100) + "\"}]}",
                "x-api-key", token);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue(MessagesController.ESTIMATE_HEADER)).hasValue("true");
        assertThat(JSON.readTree(answer.body()).path("input_tokens").asInt()).isBetween(120, 135);
        assertThat(OPENAI.chat().requests()).as("no provider call").isEmpty();
    }

    // --- helpers

    private String token(Upstream up) {
        String login = api.newUser();
        String credential = GatewayFixtures.credential(api, login, up);
        return GatewayFixtures.secret(api, login, credential);
    }

    private HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static void assertError(HttpResponse<String> answer, int status, String type) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.path("error").path("type").asString()).isEqualTo(type);
        assertThat(error.path("error").path("message").asString()).isNotBlank();
    }
}
