package com.byomlab.gateway;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.ChatRequestSeen;
import com.byomlab.testsupport.fakes.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/messages} driven by the official {@code @anthropic-ai/sdk} npm package (pinned in
 * src/test/node/anthropic-client), as a real client: a plain message, a streamed one, a tool round trip (plain and
 * streamed) and count_tokens, on an Anthropic credential (passed through to the fake Anthropic) and on an OpenAI one
 * (translated, answered by the fake OpenAI). Both send the model name Claude Code would ({@code claude-sonnet-4-…}),
 * which runs the credential's own model on OpenAI. What the client sees and what is metered must equal what the
 * upstream reported (1200 in, 200 of them cached, 300 out), and the provider key must appear in no answer and no log.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatewayAnthropicSdkTest extends ApiIntegrationTest {

    static final Path CLIENT = Path.of("src", "test", "node", "anthropic-client");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CLAUDE = "claude-sonnet-4-20250514";

    /** Installs the pinned client once (npm ci from the committed lock file) when it is not there yet. */
    @BeforeAll
    static void installClient() throws Exception {
        if (Files.isDirectory(CLIENT.resolve("node_modules").resolve("@anthropic-ai").resolve("sdk"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(CLIENT.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
        assertThat(npm.exitValue()).as("npm ci in " + CLIENT + " (needs node and npm on PATH)").isZero();
    }

    static Stream<Upstream> upstreams() {
        return Stream.of(Upstream.anthropic(ANTHROPIC), Upstream.openAi(OPENAI));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void plainMessage(Upstream up, CapturedOutput logs) throws Exception {
        Setup s = setUp(up);
        up.fake().chat().enqueue(usage(ChatReply.text("Hello from the upstream.")));

        JsonNode out = run(s, "plain", "x-api-key");

        assertThat(out.path("type").asString()).isEqualTo("message");
        assertThat(out.path("role").asString()).isEqualTo("assistant");
        assertThat(out.path("model").asString()).as("the model that ran").isEqualTo(up.model());
        assertThat(out.path("text").asString()).isEqualTo("Hello from the upstream.");
        assertThat(out.path("stop_reason").asString()).isEqualTo("end_turn");
        assertUsage(out.path("usage"));
        ChatRequestSeen seen = up.fake().chat().lastRequest();
        assertThat(seen.authKey()).isEqualTo(up.key());
        assertThat(seen.model()).isEqualTo(up.model());
        assertThat(seen.stream()).isFalse();
        assertThat(seen.system()).isEqualTo("Answer in one short sentence.");
        assertThat(seen.lastUserMessage().orElseThrow().text()).isEqualTo("Say hello.");
        assertMetered(s, up, 1);
        assertNoKeyIn(up, out.toString(), logs.getAll());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void streamedMessageWithTheBearerHeader(Upstream up, CapturedOutput logs) throws Exception {
        Setup s = setUp(up);
        String story = "Once upon a time a small model answered every question in order.";
        up.fake().chat().enqueue(usage(ChatReply.text(story)));

        JsonNode out = run(s, "stream", "bearer");

        assertThat(out.path("text").asString()).isEqualTo(story);
        assertThat(out.path("text_deltas").asInt()).as("streamed piece by piece").isGreaterThan(3);
        assertThat(out.path("stop_reason").asString()).isEqualTo("end_turn");
        List<String> events = JSON.convertValue(out.path("events"), List.class);
        assertThat(events.get(0)).isEqualTo("message_start");
        assertThat(events).containsSubsequence("message_start", "content_block_start",
                "content_block_delta:text_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(events.size() - 1)).isEqualTo("message_stop");
        assertUsage(out.path("usage"));
        assertThat(up.fake().chat().lastRequest().stream()).isTrue();
        assertMetered(s, up, 1);
        assertNoKeyIn(up, out.toString(), logs.getAll());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void toolRoundTripPlainAndStreamed(Upstream up) throws Exception {
        Setup s = setUp(up);
        String args = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
        up.fake().chat().enqueue(usage(ChatReply.toolCall("get_weather", args)),
                usage(ChatReply.text("It is 21 degrees in Paris.")),
                usage(ChatReply.toolCall("get_weather", args)));

        JsonNode out = run(s, "tools", "x-api-key");

        JsonNode first = out.path("first");
        assertThat(first.path("stop_reason").asString()).isEqualTo("tool_use");
        JsonNode call = first.path("tool_uses").get(0);
        assertThat(call.path("name").asString()).isEqualTo("get_weather");
        assertThat(call.path("input")).isEqualTo(JSON.readTree(args));
        assertThat(call.path("id").asString()).matches("[a-zA-Z0-9_-]+");
        assertUsage(first.path("usage"));
        assertThat(out.path("second").path("text").asString()).isEqualTo("It is 21 degrees in Paris.");
        assertThat(out.path("second").path("stop_reason").asString()).isEqualTo("end_turn");
        JsonNode streamed = out.path("streamed");
        assertThat(streamed.path("stop_reason").asString()).as("after tool calls").isEqualTo("tool_use");
        assertThat(streamed.path("tool_uses").get(0).path("name").asString()).isEqualTo("get_weather");
        assertThat(streamed.path("tool_uses").get(0).path("input")).isEqualTo(JSON.readTree(args));
        assertThat(streamed.path("input_json_deltas").size()).as("the arguments go out in pieces as they arrive")
                .isGreaterThan(1);
        assertUsage(streamed.path("usage"));

        List<ChatRequestSeen> requests = up.fake().chat().requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).toolNames()).containsExactly("get_weather");
        ChatRequestSeen second = requests.get(1);
        ChatRequestSeen.Message assistant = second.messages().stream().filter(m -> m.role().equals("assistant"))
                .findFirst().orElseThrow();
        assertThat(assistant.toolCalls()).hasSize(1);
        assertThat(assistant.toolCalls().get(0).id()).isEqualTo(call.path("id").asString());
        assertThat(JSON.readTree(assistant.toolCalls().get(0).argumentsJson())).isEqualTo(JSON.readTree(args));
        ChatRequestSeen.Message result = second.toolResults().get(0);
        assertThat(result.toolCallId()).isEqualTo(call.path("id").asString());
        assertThat(result.text()).contains("21 degrees");
        assertMetered(s, up, 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void countTokens(Upstream up) throws Exception {
        Setup s = setUp(up);
        ANTHROPIC.countTokensAnswer(1234);

        JsonNode out = run(s, "count", "x-api-key");

        if (up.provider().equals("anthropic")) {
            assertThat(out.path("input_tokens").asInt()).as("Anthropic's own count").isEqualTo(1234);
            assertThat(ANTHROPIC.lastRequest().path()).isEqualTo("/v1/messages/count_tokens");
            assertThat(ANTHROPIC.lastRequest().header("x-api-key")).hasValue(up.key());
        } else {
            assertThat(out.path("input_tokens").asInt()).as("an estimate").isBetween(20, 200);
            assertThat(OPENAI.requests()).as("no provider call").noneMatch(r -> r.path().contains("chat"));
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM llm_usage WHERE credential_id = ?", Integer.class,
                UUID.fromString(s.credentialId()))).as("free: not metered").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void aFailingUpstreamIsAnAnthropicErrorThatTheSdkDoesNotRetry(Upstream up) throws Exception {
        Setup s = setUp(up);
        for (int i = 0; i < 12; i++) {
            up.fake().chat().enqueue(ChatReply.failure(Scenario.serverError(500)));
        }

        JsonNode out = run(s, "failing", "x-api-key");

        assertThat(out.path("object").asString()).isEqualTo("failure");
        assertThat(out.path("status").asInt()).isEqualTo(500);
        assertThat(out.path("type").asString()).isEqualTo("api_error");
        assertThat(out.path("message").asString()).contains("HTTP 500");
        assertThat(out.path("x_should_retry").asString()).isEqualTo("false");
        assertThat(up.fake().chat().requests()).as("1 attempt + byom.llm.retry.max-retries (3)").hasSize(4);
    }

    // --- helpers

    record Setup(String login, String credentialId, String token) {
    }

    private Setup setUp(Upstream up) {
        String login = api.newUser();
        String credential = GatewayFixtures.credential(api, login, up);
        return new Setup(login, credential, GatewayFixtures.secret(api, login, credential));
    }

    static ChatReply usage(ChatReply reply) {
        return reply.usage(Upstream.IN, Upstream.OUT).cached(Upstream.CACHED).reasoning(Upstream.REASONING);
    }

    private JsonNode run(Setup s, String scenario, String auth) throws IOException, InterruptedException {
        File output = File.createTempFile("gateway-anthropic-sdk-", ".json");
        try {
            ProcessBuilder node = new ProcessBuilder("node", "scenario.mjs", scenario).directory(CLIENT.toFile())
                    .redirectErrorStream(true).redirectOutput(output);
            node.environment().put("GATEWAY_BASE_URL", "http://127.0.0.1:" + port);
            node.environment().put("GATEWAY_TOKEN", s.token());
            node.environment().put("GATEWAY_MODEL", CLAUDE);
            node.environment().put("GATEWAY_AUTH", auth);
            node.environment().remove("ANTHROPIC_API_KEY");
            node.environment().remove("ANTHROPIC_AUTH_TOKEN");
            node.environment().remove("ANTHROPIC_BASE_URL");
            Process process = node.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
            String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("node output: " + text).isZero();
            String last = text.strip().lines().reduce((a, b) -> b).orElse("");
            return JSON.readTree(last);
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }

    /** Anthropic's terms: input_tokens leaves the 200 cache reads out; the same figures on every upstream. */
    private static void assertUsage(JsonNode usage) {
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(Upstream.IN - Upstream.CACHED);
        assertThat(usage.path("cache_read_input_tokens").asInt()).isEqualTo(Upstream.CACHED);
        assertThat(usage.path("cache_creation_input_tokens").asInt()).isZero();
        assertThat(usage.path("output_tokens").asInt()).isEqualTo(Upstream.OUT);
    }

    /** One llm_usage row per upstream call, with the tokens as the provider reported them and the exact cost. */
    private void assertMetered(Setup s, Upstream up, int calls) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM llm_usage WHERE credential_id = ? "
                + "ORDER BY id", UUID.fromString(s.credentialId()));
        assertThat(rows).hasSize(calls);
        for (Map<String, Object> row : rows) {
            assertThat(row.get("purpose")).isEqualTo("gateway");
            assertThat(row.get("provider")).isEqualTo(up.provider());
            assertThat(row.get("model")).isEqualTo(up.model());
            assertThat(row.get("outcome")).isEqualTo("ok");
            assertThat(row.get("input_tokens")).isEqualTo(Upstream.IN);
            assertThat(row.get("output_tokens")).isEqualTo(Upstream.OUT);
            assertThat(row.get("cached_input_tokens")).isEqualTo(Upstream.CACHED);
            assertThat(row.get("reasoning_tokens")).isEqualTo(up.reasoningRecorded());
            assertThat(row.get("usage_reported")).isEqualTo(true);
            assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo(up.costPerCall());
        }
    }

    static void assertNoKeyIn(Upstream up, String... texts) {
        for (String text : texts) {
            assertThat(text).doesNotContain(up.key());
        }
    }
}
