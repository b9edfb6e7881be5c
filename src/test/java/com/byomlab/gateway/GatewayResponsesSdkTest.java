package com.byomlab.gateway;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.ChatRequestSeen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.byomlab.gateway.GatewayOpenAiSdkTest.CLIENT;
import static com.byomlab.gateway.GatewayOpenAiSdkTest.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/responses} driven by the official {@code openai} npm package (pinned in
 * src/test/node/openai-client, script responses.mjs): a plain response, a streamed one (the documented event
 * sequence, each event numbered), and a function call round trip (non-streamed with the call and its output sent
 * back as input items, and streamed through the SDK's stream helper, which checks every item id and index), each
 * against the fake OpenAI (passed through to its own Responses API), Anthropic and Gemini (translated) upstreams.
 * The usage the client sees and the usage and cost recorded must equal what the upstream reported.
 */
class GatewayResponsesSdkTest extends ApiIntegrationTest {

    @BeforeAll
    static void installClient() throws Exception {
        GatewayOpenAiSdkTest.installClient();
    }

    static Stream<Upstream> upstreams() {
        return Stream.of(Upstream.openAi(OPENAI), Upstream.anthropic(ANTHROPIC), Upstream.gemini(GEMINI));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void plainResponse(Upstream up) throws Exception {
        Setup s = setUp(up);
        up.fake().chat().enqueue(usage(ChatReply.text("Hello from the upstream.")));

        JsonNode out = run(s, up, "plain");

        assertThat(out.path("object").asString()).isEqualTo("response");
        assertThat(out.path("id").asString()).startsWith("resp_");
        assertThat(out.path("model").asString()).isEqualTo(up.model());
        assertThat(out.path("status").asString()).isEqualTo("completed");
        if (!up.provider().equals("openai")) { // passed through to OpenAI, the answer is OpenAI's own
            assertThat(out.path("store").asBoolean(true)).as("translated: nothing is kept").isFalse();
        }
        assertThat(out.path("output_text").asString()).isEqualTo("Hello from the upstream.");
        assertThat(out.path("output_types").toString()).isEqualTo("[\"message\"]");
        JsonNode message = out.path("message");
        assertThat(message.path("role").asString()).isEqualTo("assistant");
        assertThat(message.path("id").asString()).startsWith("msg_");
        assertThat(message.path("content").get(0).path("type").asString()).isEqualTo("output_text");
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
    void streamedResponseInTheDocumentedOrder(Upstream up) throws Exception {
        Setup s = setUp(up);
        String story = "Once upon a time a small model answered every question in order.";
        up.fake().chat().enqueue(usage(ChatReply.text(story)));

        JsonNode out = run(s, up, "stream");

        List<String> types = strings(out.path("types"));
        assertThat(types.subList(0, 4)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added");
        assertThat(types.subList(types.size() - 4, types.size())).containsExactly("response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        assertThat(types.subList(4, types.size() - 4)).containsOnly("response.output_text.delta");
        assertThat(out.path("deltas").asInt()).as("streamed piece by piece").isGreaterThan(3);
        List<Integer> sequence = new ArrayList<>();
        out.path("sequence").forEach(n -> sequence.add(n.asInt()));
        assertThat(sequence).as("sequence_number counts every event from 0")
                .isEqualTo(java.util.stream.IntStream.range(0, types.size()).boxed().toList());
        assertThat(out.path("text").asString()).isEqualTo(story);
        assertThat(out.path("text_done").asString()).isEqualTo(story);
        assertThat(out.path("status").asString()).isEqualTo("completed");
        assertThat(out.path("model").asString()).isEqualTo(up.model());
        assertUsage(out.path("usage"), up);
        assertThat(up.fake().chat().lastRequest().stream()).isTrue();
        assertMetered(s, up, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void functionCallRoundTrip(Upstream up) throws Exception {
        Setup s = setUp(up);
        String args = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
        up.fake().chat().enqueue(usage(ChatReply.toolCall("get_weather", args)),
                usage(ChatReply.text("It is 21 degrees in Paris.")),
                usage(ChatReply.toolCall("get_weather", args)));

        JsonNode out = run(s, up, "tools");

        JsonNode first = out.path("first");
        assertThat(first.path("status").asString()).isEqualTo("completed");
        assertThat(first.path("output_types").toString()).isEqualTo("[\"function_call\"]");
        JsonNode call = first.path("calls").get(0);
        assertThat(call.path("name").asString()).isEqualTo("get_weather");
        assertThat(call.path("arguments")).isEqualTo(JSON.readTree(args));
        assertThat(call.path("call_id").asString()).isNotBlank();
        assertThat(call.path("id").asString()).startsWith("fc_");
        assertThat(call.path("status").asString()).isEqualTo("completed");
        assertUsage(first.path("usage"), up);
        assertThat(out.path("second").path("output_text").asString()).isEqualTo("It is 21 degrees in Paris.");
        assertUsage(out.path("second").path("usage"), up);
        JsonNode streamed = out.path("streamed");
        assertThat(streamed.path("calls").get(0).path("name").asString()).isEqualTo("get_weather");
        assertThat(streamed.path("calls").get(0).path("arguments")).isEqualTo(JSON.readTree(args));
        // the arguments as the provider streams them: in pieces, or whole where it sends them whole (Gemini)
        assertThat(streamed.path("argument_deltas").asInt()).isGreaterThan(up.provider().equals("google") ? 0 : 1);
        assertThat(strings(streamed.path("events"))).containsSubsequence("response.output_item.added",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed");
        assertUsage(streamed.path("usage"), up);

        List<ChatRequestSeen> requests = up.fake().chat().requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).toolNames()).containsExactly("get_weather");
        // the second request carries the assistant's call and the tool's output, paired the provider's way
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
            assertThat(result.toolCallId()).isEqualTo(call.path("call_id").asString());
            assertThat(assistant.toolCalls().get(0).id()).isEqualTo(call.path("call_id").asString());
        }
        assertMetered(s, up, 3);
    }

    @Test
    void previousResponseIdIsAClear400NotASilentlyForgottenConversation() throws Exception {
        Upstream up = Upstream.anthropic(ANTHROPIC);
        Setup s = setUp(up);

        JsonNode out = run(s, up, "stateful");

        assertThat(out.path("object").asString()).isEqualTo("failure");
        assertThat(out.path("status").asInt()).isEqualTo(400);
        assertThat(out.path("param").asString()).isEqualTo("previous_response_id");
        assertThat(out.path("message").asString()).contains("whole conversation in 'input'");
        assertThat(up.fake().chat().requests()).as("no upstream call").isEmpty();
        assertMetered(s, up, 0);
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

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    private JsonNode run(Setup s, Upstream up, String scenario) throws IOException, InterruptedException {
        File output = File.createTempFile("gateway-responses-", ".json");
        try {
            ProcessBuilder node = new ProcessBuilder("node", "responses.mjs", scenario).directory(CLIENT.toFile())
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

    /** The Responses names for the same figures: input includes cache reads, output includes reasoning. */
    private static void assertUsage(JsonNode usage, Upstream up) {
        assertThat(usage.path("input_tokens").asInt()).isEqualTo(up.promptTokens());
        assertThat(usage.path("output_tokens").asInt()).isEqualTo(up.completionTokens());
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(up.promptTokens() + up.completionTokens());
        assertThat(usage.path("input_tokens_details").path("cached_tokens").asInt()).isEqualTo(Upstream.CACHED);
        assertThat(usage.path("output_tokens_details").path("reasoning_tokens").asInt())
                .isEqualTo(up.reasoningTokens());
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
}
