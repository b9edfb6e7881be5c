package com.byomlab.gateway;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.ChatRequestSeen;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.byomlab.gateway.GatewayErrorsTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/responses} on the translated path (an Anthropic credential), over raw HTTP: the stream's wire
 * format as Codex and the SDKs read it, the item shapes Codex sends reaching the provider as one conversation, the
 * stateless surface's refusals, a stream that breaks after its first delta, and the caps of the metered pipeline.
 */
class GatewayResponsesTest extends ApiIntegrationTest {

    static final String RESPONSES = "/v1/responses";
    static final JsonMapper JSON = JsonMapper.builder().build();

    String login;
    String credential;
    String token;
    Upstream up;

    @BeforeEach
    void user() {
        login = api.newUser();
        up = Upstream.anthropic(ANTHROPIC);
        credential = GatewayFixtures.credential(api, login, up);
        token = GatewayFixtures.secret(api, login, credential);
    }

    @Test
    void aStreamIsNamedEventsEachWithItsTypeAndNumberEndingWithResponseCompletedWithoutDone() throws Exception {
        ANTHROPIC.chat().enqueue(ChatReply.text("Two words.").usage(100, 20));

        Response r = api.post(RESPONSES, token, Map.of("model", up.model(), "stream", true, "input", "hi"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type").get(0)).startsWith("text/event-stream");
        assertThat(r.body()).doesNotContain("[DONE]");
        List<JsonNode> events = new ArrayList<>();
        for (String block : r.body().split("\n\n")) {
            String[] lines = block.strip().split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            JsonNode data = JSON.readTree(lines[1].substring(6));
            assertThat(data.path("type").asString()).isEqualTo(lines[0].substring(7));
            assertThat(data.path("sequence_number").asInt()).isEqualTo(events.size());
            events.add(data);
        }
        JsonNode created = events.get(0).path("response");
        assertThat(created.path("status").asString()).isEqualTo("in_progress");
        assertThat(created.path("output").isArray()).isTrue();
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("type").asString()).isEqualTo("response.completed");
        assertThat(last.path("response").path("id").asString()).isEqualTo(created.path("id").asString());
        assertThat(last.path("response").path("usage").path("input_tokens").asInt()).isEqualTo(100);
        assertThat(last.path("response").path("usage").path("output_tokens").asInt()).isEqualTo(20);
        String itemId = events.get(2).path("item").path("id").asString();
        assertThat(events).filteredOn(e -> e.has("item_id")).allSatisfy(e ->
                assertThat(e.path("item_id").asString()).isEqualTo(itemId));
    }

    @Test
    void codexShapedInputReachesTheProviderAsOneConversation() throws Exception {
        ANTHROPIC.chat().enqueue(ChatReply.text("The file says hello."));
        String body = """
                {"model":"%s","instructions":"You are a coding agent.","store":false,"stream":false,
                 "include":["reasoning.encrypted_content"],"tool_choice":"auto","parallel_tool_calls":false,
                 "prompt_cache_key":"abc","reasoning":{"effort":"medium"},
                 "tools":[{"type":"function","name":"shell","description":"Runs a command","strict":false,
                   "parameters":{"type":"object","properties":{"command":{"type":"array","items":{"type":"string"}},
                     "workdir":{"type":"string"}},"required":["command"],"additionalProperties":false}}],
                 "input":[
                  {"type":"message","role":"developer","content":[{"type":"input_text","text":"Sandbox: none."}]},
                  {"type":"message","role":"user","content":[{"type":"input_text","text":"What is in a.txt?"}]},
                  {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":"opaque"},
                  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"Let me look."}]},
                  {"type":"function_call","name":"shell","arguments":"{\\"command\\":[\\"cat\\",\\"a.txt\\"]}",
                   "call_id":"call_7"},
                  {"type":"function_call_output","call_id":"call_7","output":"hello"}
                 ]}""".formatted(up.model());

        Response r = api.raw("POST", RESPONSES, token, "application/json", body);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("output_text").isMissingNode()).as("an SDK-side convenience, not on the wire")
                .isTrue();
        assertThat(r.json().path("output").get(0).path("content").get(0).path("text").asString())
                .isEqualTo("The file says hello.");
        assertThat(r.json().path("store").asBoolean(true)).isFalse();
        assertThat(r.json().path("instructions").asString()).isEqualTo("You are a coding agent.");
        assertThat(r.json().path("tools").get(0).path("name").asString()).isEqualTo("shell");
        ChatRequestSeen seen = ANTHROPIC.chat().lastRequest();
        assertThat(seen.system()).contains("You are a coding agent.").contains("Sandbox: none.");
        assertThat(seen.toolNames()).containsExactly("shell");
        List<ChatRequestSeen.Message> messages = seen.messages();
        assertThat(messages).extracting(ChatRequestSeen.Message::role).containsExactly("user", "assistant", "tool");
        assertThat(messages.get(1).text()).isEqualTo("Let me look.");
        assertThat(messages.get(1).toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.id()).isEqualTo("call_7");
            assertThat(call.name()).isEqualTo("shell");
            assertThat(JSON.readTree(call.argumentsJson())).isEqualTo(JSON.readTree("{\"command\":[\"cat\",\"a.txt\"]}"));
        });
        assertThat(messages.get(2).toolCallId()).isEqualTo("call_7");
        assertThat(messages.get(2).text()).isEqualTo("hello");
    }

    @Test
    void namespacedFunctionsAreOfferedFlatAndAnsweredWithTheirNamespaceAndHostedToolsAreNotOffered() throws Exception {
        ANTHROPIC.chat().enqueue(ChatReply.toolCall("multi_agent_v1__spawn_agent", "{\"message\":\"go\"}"),
                ChatReply.toolCall("multi_agent_v1__spawn_agent", "{\"message\":\"go\"}"));
        Map<String, Object> spawn = Map.of("type", "function", "name", "spawn_agent", "parameters",
                Map.of("type", "object", "properties", Map.of("message", Map.of("type", "string"))));
        List<Object> tools = List.of(Map.of("type", "function", "name", "exec_command", "parameters",
                        Map.of("type", "object", "properties", Map.of("cmd", Map.of("type", "string")))),
                Map.of("type", "namespace", "name", "multi_agent_v1", "description", "Sub-agents",
                        "tools", List.of(spawn)),
                Map.of("type", "web_search", "external_web_access", true));

        Response plain = api.post(RESPONSES, token, Map.of("model", up.model(), "input", "hi", "tools", tools));
        Response streamed = api.post(RESPONSES, token, Map.of("model", up.model(), "input", "hi", "tools", tools,
                "stream", true));

        assertThat(plain.status()).as(plain.body()).isEqualTo(200);
        JsonNode call = plain.json().path("output").get(0);
        assertThat(call.path("type").asString()).isEqualTo("function_call");
        assertThat(call.path("name").asString()).isEqualTo("spawn_agent");
        assertThat(call.path("namespace").asString()).isEqualTo("multi_agent_v1");
        assertThat(streamed.body()).contains("\"name\":\"spawn_agent\",\"namespace\":\"multi_agent_v1\"")
                .doesNotContain("multi_agent_v1__");
        assertThat(ANTHROPIC.chat().requests().get(0).toolNames())
                .as("flat for the provider; web search runs only on OpenAI's side: not offered")
                .containsExactly("exec_command", "multi_agent_v1__spawn_agent");

        // the call goes back with its namespace, and reaches the provider under the flat name it was offered as
        ANTHROPIC.chat().enqueue(ChatReply.text("spawned"));
        Response next = api.post(RESPONSES, token, Map.of("model", up.model(), "tools", tools, "input", List.of(
                Map.of("role", "user", "content", "hi"),
                Map.of("type", "function_call", "call_id", "call_9", "name", "spawn_agent",
                        "namespace", "multi_agent_v1", "arguments", "{\"message\":\"go\"}"),
                Map.of("type", "function_call_output", "call_id", "call_9", "output", "agent 1"))));
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        ChatRequestSeen seen = ANTHROPIC.chat().lastRequest();
        assertThat(seen.messages().get(1).toolCalls().get(0).name()).isEqualTo("multi_agent_v1__spawn_agent");
    }

    @Test
    void whatTheStatelessTranslatedSurfaceCannotDoIsAClear400NamingTheParameter() {
        assertError(api.post(RESPONSES, token, Map.of("model", up.model(), "input", "go on",
                "previous_response_id", "resp_1")), 400, "invalid_request_error", "unsupported_parameter",
                "previous_response_id");
        assertError(api.post(RESPONSES, token, Map.of("model", up.model(), "input", "go on",
                "conversation", "conv_1")), 400, "invalid_request_error", "unsupported_parameter", "conversation");
        assertError(api.post(RESPONSES, token, Map.of("model", up.model(), "input", "hi", "background", true)),
                400, "invalid_request_error", "unsupported_parameter", "background");
        assertError(api.post(RESPONSES, token, Map.of("model", up.model(), "input", "hi",
                "tools", List.of(Map.of("type", "web_search")), "tool_choice", Map.of("type", "web_search"))), 400,
                "invalid_request_error", "unsupported_parameter", "tool_choice");
        assertError(api.post(RESPONSES, token, Map.of("model", up.model(), "input", List.of(Map.of("role", "user",
                "content", List.of(Map.of("type", "input_image", "image_url", "http://x/y.png")))))), 400,
                "invalid_request_error", "unsupported_parameter", "input[0].content");
        assertError(api.post(RESPONSES, token, Map.of("model", up.model(), "input", List.of(Map.of(
                "type", "function_call_output", "call_id", "call_nowhere", "output", "{}")))), 400,
                "invalid_request_error", null, "input[0].call_id");
        assertError(api.post(RESPONSES, token, Map.of("model", up.model())), 400, "invalid_request_error", null,
                "input");
        assertError(api.post(RESPONSES, token, Map.of("model", up.model(), "input", "hi",
                "text", Map.of("format", Map.of("type", "json_object")))), 400, "invalid_request_error",
                "unsupported_parameter", "text.format");
        assertError(api.post(RESPONSES, token, Map.of("model", "bad model!", "input", "hi")), 400,
                "invalid_request_error", "invalid_model_id", "model");
        assertError(api.raw("POST", RESPONSES, token, "application/json", "{\"input\": oops"), 400,
                "invalid_request_error", null, null);
        assertThat(ANTHROPIC.chat().requests()).as("none reached the provider").isEmpty();
        assertThat(usageRows()).isEmpty();
    }

    @Test
    void aStreamThatBreaksAfterItsFirstDeltaEndsWithResponseFailedAndAnErrorEvent() {
        // message_start, content_block_start, the first text delta, then the connection drops
        ANTHROPIC.chat().enqueue(ChatReply.streamCutAfter(ChatReply.text("partial answer that never ends"), 4));

        Response r = api.post(RESPONSES, token, Map.of("model", up.model(), "stream", true, "input", "hi"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"delta\":\"partial \"").contains("event: response.failed\n")
                .contains("\"status\":\"failed\"").contains("event: error\n")
                .doesNotContain("response.completed");
        assertThat(ANTHROPIC.chat().requests()).as("not retried once the answer began").hasSize(1);
        assertThat(usageRows()).singleElement().satisfies(row -> assertThat(row.get("outcome"))
                .isEqualTo("interrupted"));
    }

    @Test
    void theCapsOfTheMeteredPipelineHoldHereToo() {
        assertThat(api.put("/api/v1/users/me/budget", login, Map.of("monthly_cap_usd", "0.001")).status())
                .isEqualTo(200);
        ANTHROPIC.chat().enqueue(ChatReply.text("expensive").usage(1_000_000, 0)); // $3, crosses the cap
        assertThat(api.post(RESPONSES, token, Map.of("model", up.model(), "input", "hi")).status()).isEqualTo(200);

        Response refused = api.post(RESPONSES, token, Map.of("model", up.model(), "input", "hi", "stream", true));

        assertError(refused, 429, "insufficient_quota", "cost_limit_reached", null);
        assertThat(ANTHROPIC.chat().requests()).hasSize(1);
        assertThat(usageRows()).singleElement().satisfies(row -> {
            assertThat(row.get("purpose")).isEqualTo("gateway");
            assertThat(row.get("model")).isEqualTo(up.model());
        });
    }

    // --- on an OpenAI credential: OpenAI's own Responses API, passed through

    @Test
    void onAnOpenAiCredentialTheBodyGoesToOpenAisResponsesApiAsSentOnlyTheKeySwapped() {
        Upstream openAi = Upstream.openAi(OPENAI);
        String openAiCredential = GatewayFixtures.credential(api, login, openAi);
        String openAiToken = GatewayFixtures.secret(api, login, openAiCredential);
        OPENAI.chat().enqueue(ChatReply.text("native answer").usage(100, 20).cached(10).reasoning(5));
        // what only OpenAI keeps or knows goes through untouched: state, stored prompts, hosted tools
        String body = "{\"model\":\"gpt-4o-mini\",\"input\":\"hi\",\"previous_response_id\":\"resp_earlier\","
                + "\"store\":true,\"tools\":[{\"type\":\"web_search\"}],\"temperature\":0.25,"
                + "\"metadata\":{\"k\":\"v\"}}";

        Response r = api.raw("POST", RESPONSES, openAiToken, "application/json", body);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("id").asString()).as("OpenAI's own response object").startsWith("resp_fake");
        assertThat(r.json().path("output").get(0).path("content").get(0).path("text").asString())
                .isEqualTo("native answer");
        var seen = OPENAI.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/responses");
        assertThat(seen.body()).isEqualTo(body);
        assertThat(seen.header("authorization")).contains("Bearer " + openAi.key());
        assertThat(seen.headers().toString()).doesNotContain(openAiToken);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM llm_usage WHERE credential_id = ?",
                UUID.fromString(openAiCredential));
        assertThat(row.get("provider")).isEqualTo("openai");
        assertThat(row.get("purpose")).isEqualTo("gateway");
        assertThat(row.get("model")).isEqualTo("gpt-4o-mini");
        assertThat(row.get("outcome")).isEqualTo("ok");
        assertThat(row.get("input_tokens")).isEqualTo(100);
        assertThat(row.get("output_tokens")).isEqualTo(20);
        assertThat(row.get("cached_input_tokens")).isEqualTo(10);
        assertThat(row.get("reasoning_tokens")).isEqualTo(5);
    }

    @Test
    void aNativeStreamIsForwardedEventByEventAsOpenAiWroteItAndMeteredFromResponseCompleted() throws Exception {
        Upstream openAi = Upstream.openAi(OPENAI);
        String openAiCredential = GatewayFixtures.credential(api, login, openAi);
        String openAiToken = GatewayFixtures.secret(api, login, openAiCredential);
        OPENAI.chat().enqueue(ChatReply.toolCall("exec_command", "{\"cmd\":\"ls -la\"}").usage(300, 40));

        Response r = api.post(RESPONSES, openAiToken, Map.of("model", "gpt-4o-mini", "stream", true, "input", "ls",
                "tools", List.of(Map.of("type", "function", "name", "exec_command"))));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type").get(0)).startsWith("text/event-stream");
        assertThat(r.body()).startsWith("event: response.created\n").contains("\"id\":\"resp_fake")
                .contains("event: response.function_call_arguments.delta").endsWith("\n\n");
        assertThat(r.body().split("event: response.function_call_arguments.delta")).as("arguments in pieces")
                .hasSizeGreaterThan(2);
        assertThat(OPENAI.lastRequest().path()).isEqualTo("/v1/responses");
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM llm_usage WHERE credential_id = ?",
                UUID.fromString(openAiCredential));
        assertThat(row.get("input_tokens")).isEqualTo(300);
        assertThat(row.get("output_tokens")).isEqualTo(40);
        assertThat(row.get("outcome")).isEqualTo("ok");
    }

    @Test
    void aNativeStreamThatBreaksAfterItsFirstEventsEndsWithResponseFailedAndErrorNumberedOn() throws Exception {
        Upstream openAi = Upstream.openAi(OPENAI);
        String openAiCredential = GatewayFixtures.credential(api, login, openAi);
        String openAiToken = GatewayFixtures.secret(api, login, openAiCredential);
        // created, in_progress, output_item.added, content_part.added, the first delta: then the connection drops
        OPENAI.chat().enqueue(ChatReply.streamCutAfter(ChatReply.text("partial answer that never ends"), 5));

        Response r = api.post(RESPONSES, openAiToken, Map.of("model", "gpt-4o-mini", "stream", true, "input", "hi"));

        assertThat(r.status()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        for (String block : r.body().split("\n\n")) {
            events.add(JSON.readTree(block.substring(block.indexOf("data: ") + 6)));
        }
        assertThat(events).extracting(e -> e.path("type").asString()).containsExactly("response.created",
                "response.in_progress", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.failed", "error");
        assertThat(events).extracting(e -> e.path("sequence_number").asInt()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(events.get(5).path("response").path("status").asString()).isEqualTo("failed");
        assertThat(OPENAI.chat().requests()).as("not retried once the answer began").hasSize(1);
    }

    @Test
    void aServerThatSpeaksOnlyChatCompletionsGetsTheRequestTranslatedNotPassedThrough() {
        Upstream groq = new Upstream("groq", GROQ, "gsk_" + UUID.randomUUID().toString().replace("-", ""),
                "gpt-4o-mini", 0, 0, 0, null, null);
        String groqCredential = GatewayFixtures.credential(api, login, groq);
        String groqToken = GatewayFixtures.secret(api, login, groqCredential);
        GROQ.chat().enqueue(ChatReply.text("translated"));

        Response r = api.post(RESPONSES, groqToken, Map.of("model", "gpt-4o-mini", "input", "hi"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("object").asString()).isEqualTo("response");
        assertThat(r.json().path("store").asBoolean(true)).isFalse();
        assertThat(GROQ.lastRequest().path()).isEqualTo("/openai/v1/chat/completions");
    }

    private List<Map<String, Object>> usageRows() {
        return jdbc.queryForList("SELECT * FROM llm_usage WHERE credential_id = ? ORDER BY id",
                UUID.fromString(credential));
    }
}
