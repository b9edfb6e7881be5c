package com.byomlab.gateway;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.ChatRequestSeen;
import com.byomlab.testsupport.fakes.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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
 * The gateway driven by the official {@code openai} npm package (pinned in src/test/node/openai-client), as a real
 * client: a plain completion, a streamed completion with usage, and tool calls (non-streamed with the tool result
 * sent back, and streamed through the SDK's stream helper), each against the fake OpenAI, Anthropic and Gemini
 * upstreams. The usage the client sees and the usage and cost recorded must match what the upstream reported. A
 * failing upstream costs our retries only: the SDK's own retries are switched off by {@code x-should-retry: false}.
 */
class GatewayOpenAiSdkTest extends ApiIntegrationTest {

    static final Path CLIENT = Path.of("src", "test", "node", "openai-client");
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Installs the pinned client once (npm ci from the committed lock file) when it is not there yet. */
    @BeforeAll
    static void installClient() throws Exception {
        if (Files.isDirectory(CLIENT.resolve("node_modules").resolve("openai"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(CLIENT.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
        assertThat(npm.exitValue()).as("npm ci in " + CLIENT + " (needs node and npm on PATH)").isZero();
    }

    static Stream<Upstream> upstreams() {
        return Stream.of(Upstream.openAi(OPENAI), Upstream.anthropic(ANTHROPIC), Upstream.gemini(GEMINI),
                Upstream.bedrock(BEDROCK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void plainCompletion(Upstream up) throws Exception {
        Setup s = setUp(up);
        up.fake().chat().enqueue(usage(ChatReply.text("Hello from the upstream.")));

        JsonNode out = run(s, up, "plain");

        assertThat(out.path("object").asString()).isEqualTo("chat.completion");
        assertThat(out.path("model").asString()).isEqualTo(up.model());
        assertThat(out.path("content").asString()).isEqualTo("Hello from the upstream.");
        assertThat(out.path("finish_reason").asString()).isEqualTo("stop");
        assertUsage(out.path("usage"), up);
        ChatRequestSeen seen = up.fake().chat().lastRequest();
        assertThat(seen.authKey()).isEqualTo(up.key());
        assertThat(seen.model()).isEqualTo(up.model());
        assertThat(seen.stream()).isFalse();
        assertThat(seen.system()).isEqualTo("Answer in one short sentence.");
        assertThat(seen.lastUserMessage().orElseThrow().text()).isEqualTo("Say hello.");
        assertMetered(s, up, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void streamedCompletionWithUsage(Upstream up) throws Exception {
        Setup s = setUp(up);
        String story = "Once upon a time a small model answered every question in order.";
        up.fake().chat().enqueue(usage(ChatReply.text(story)));

        JsonNode out = run(s, up, "stream");

        assertThat(out.path("role").asString()).isEqualTo("assistant");
        assertThat(out.path("content").asString()).isEqualTo(story);
        assertThat(out.path("content_chunks").asInt()).as("streamed piece by piece").isGreaterThan(3);
        assertThat(out.path("finish_reason").asString()).isEqualTo("stop");
        assertUsage(out.path("usage"), up);
        assertThat(up.fake().chat().lastRequest().stream()).isTrue();
        assertMetered(s, up, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void toolCallsBothWays(Upstream up) throws Exception {
        Setup s = setUp(up);
        String args = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
        up.fake().chat().enqueue(usage(ChatReply.toolCall("get_weather", args)),
                usage(ChatReply.text("It is 21 degrees in Paris.")),
                usage(ChatReply.toolCall("get_weather", args)));

        JsonNode out = run(s, up, "tools");

        JsonNode first = out.path("first");
        assertThat(first.path("finish_reason").asString()).isEqualTo("tool_calls");
        JsonNode call = first.path("tool_calls").get(0);
        assertThat(call.path("type").asString()).isEqualTo("function");
        assertThat(call.path("name").asString()).isEqualTo("get_weather");
        assertThat(call.path("arguments")).isEqualTo(JSON.readTree(args));
        assertThat(call.path("id").asString()).isNotBlank();
        assertUsage(first.path("usage"), up);
        assertThat(out.path("second").path("content").asString()).isEqualTo("It is 21 degrees in Paris.");
        assertThat(out.path("second").path("finish_reason").asString()).isEqualTo("stop");
        JsonNode streamed = out.path("streamed");
        assertThat(streamed.path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(streamed.path("tool_calls").get(0).path("name").asString()).isEqualTo("get_weather");
        assertThat(streamed.path("tool_calls").get(0).path("arguments")).isEqualTo(JSON.readTree(args));
        assertUsage(streamed.path("usage"), up);

        List<ChatRequestSeen> requests = up.fake().chat().requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).toolNames()).containsExactly("get_weather");
        // the second request carries the assistant's call and the tool's result, paired the provider's way
        ChatRequestSeen second = requests.get(1);
        ChatRequestSeen.Message assistant = second.messages().stream().filter(m -> m.role().equals("assistant"))
                .findFirst().orElseThrow();
        assertThat(assistant.toolCalls()).hasSize(1);
        assertThat(assistant.toolCalls().get(0).name()).isEqualTo("get_weather");
        assertThat(JSON.readTree(assistant.toolCalls().get(0).argumentsJson())).isEqualTo(JSON.readTree(args));
        ChatRequestSeen.Message result = second.toolResults().get(0);
        assertThat(result.text()).contains("21");
        if (up.provider().equals("google")) {
            assertThat(result.toolName()).isEqualTo("get_weather"); // Gemini pairs results by name
        } else {
            assertThat(result.toolCallId()).isEqualTo(call.path("id").asString());
            assertThat(assistant.toolCalls().get(0).id()).isEqualTo(call.path("id").asString());
        }
        assertMetered(s, up, 3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void aProviderErrorCostsOurRetriesOnlyNotTheSdksOnTop(Upstream up) throws Exception {
        Setup s = setUp(up);
        for (int i = 0; i < 12; i++) { // enough for 3 SDK attempts x (1 + 3) of ours, should they happen
            up.fake().chat().enqueue(ChatReply.failure(Scenario.serverError(500)));
        }

        JsonNode out = run(s, up, "failing");

        assertThat(out.path("object").asString()).isEqualTo("failure");
        assertThat(out.path("max_retries").asInt()).as("the SDK's default").isEqualTo(2);
        assertThat(out.path("status").asInt()).isEqualTo(502);
        assertThat(out.path("code").asString()).isEqualTo("provider_unavailable");
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

    private static ChatReply usage(ChatReply reply) {
        return reply.usage(Upstream.IN, Upstream.OUT).cached(Upstream.CACHED).reasoning(Upstream.REASONING);
    }

    private JsonNode run(Setup s, Upstream up, String scenario) throws IOException, InterruptedException {
        File output = File.createTempFile("gateway-sdk-", ".json");
        try {
            ProcessBuilder node = new ProcessBuilder("node", "scenario.mjs", scenario).directory(CLIENT.toFile())
                    .redirectErrorStream(true).redirectOutput(output);
            node.environment().put("GATEWAY_BASE_URL", "http://127.0.0.1:" + port + "/v1");
            node.environment().put("GATEWAY_TOKEN", s.token());
            node.environment().put("GATEWAY_MODEL", up.model());
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

    private static void assertUsage(JsonNode usage, Upstream up) {
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(up.promptTokens());
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(up.completionTokens());
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(up.promptTokens() + up.completionTokens());
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt()).isEqualTo(Upstream.CACHED);
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt())
                .isEqualTo(up.reasoningTokens());
    }

    /** One llm_usage row per upstream call, with the tokens as the provider reported them and the exact cost. */
    private void assertMetered(Setup s, Upstream up, int calls) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM llm_usage WHERE credential_id = ? "
                + "ORDER BY id", UUID.fromString(s.credentialId()));
        assertThat(rows).hasSize(calls);
        for (Map<String, Object> row : rows) {
            assertThat(row.get("purpose")).isEqualTo("gateway");
            assertThat(row.get("session_id")).isNull();
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
}
