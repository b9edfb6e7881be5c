package com.byomlab.agent;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.ChatRequestSeen;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One agent test suite, run unchanged against fake OpenAI, Anthropic and Gemini servers that speak
 * each provider's wire format (streaming, tool calls). The fakes check that every request carried
 * the session's key, model and tools.
 */
class AgentSessionSuiteTest extends ApiIntegrationTest {

    static final List<String> TOOLS = List.of("list_coins", "get_price_history", "compute_indicators", "compare_coins",
            "backtest_strategy");

    record Case(String provider, FakeProviderServer fake, String key, String model) {
        @Override
        public String toString() {
            return provider;
        }
    }

    static Stream<Case> providers() {
        return Stream.of(
                new Case("openai", OPENAI, "sk-suite-" + LabFixtures.rand(), "gpt-4o-mini"),
                new Case("anthropic", ANTHROPIC, "sk-ant-suite-" + LabFixtures.rand(), "claude-sonnet-4-20250514"),
                new Case("google", GEMINI, "AIza" + LabFixtures.rand(), "gemini-2.0-flash"),
                // an IAM access key pair: the AWS SDK signs every call, the fake verifies the signature
                new Case("bedrock", BEDROCK, "AKIA" + LabFixtures.rand().substring(0, 16).toUpperCase(java.util.Locale.ROOT)
                        + ":wJalrXUtnFEMI/K7MDENG/bPxRfiCYSUITEKEY01", "anthropic.claude-3-5-haiku-20241022-v1:0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void theAgentCallsToolsAndReportsOnTheChosenModel(Case c) {
        String token = api.newUser();
        String credential = LabFixtures.credential(api, c.fake(), token, c.provider(), c.key(), c.model());
        c.fake().chat().enqueue(
                ChatReply.toolCall("list_coins", "{}").usage(200, 12),
                ChatReply.toolCall("compute_indicators", "{\"symbol\": \"BTC\", \"indicators\": [\"rsi\", \"volatility\"]}")
                        .usage(420, 30).cached(128),
                ChatReply.text("BTC: RSI and volatility computed. Not financial advice.").usage(900, 60));

        Response created = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "How volatile is BTC lately?",
                "llm_credential_id", credential));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("llm_provider")).isEqualTo(c.provider());
        assertThat(created.text("llm_model")).isEqualTo(c.model());
        assertThat(created.text("llm_credential_id")).isEqualTo(credential);
        assertThat(created.json().path("using_custom_model").asBoolean()).isTrue();

        JsonNode done = LabFixtures.awaitFinal(api, token, created.text("id"));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("final_report").asText()).startsWith("BTC: RSI and volatility computed.");
        assertThat(done.path("llm_calls").asInt()).isEqualTo(3);
        assertThat(done.path("input_tokens").asLong()).isEqualTo(200 + 420 + 900);
        assertThat(done.path("output_tokens").asLong()).isEqualTo(12 + 30 + 60);

        JsonNode steps = api.get(LabFixtures.SESSIONS + "/" + created.text("id") + "/messages", token).json();
        assertThat(steps.findValuesAsString("kind")).containsExactly("model_turn", "tool_call", "tool_result",
                "model_turn", "tool_call", "tool_result", "model_turn");
        assertThat(steps.get(1).path("tool_name").asText()).isEqualTo("list_coins");
        assertThat(steps.get(2).path("content").asText()).contains("\"BTC\"");
        assertThat(steps.get(5).path("content").asText()).contains("rsi_14").contains("annualised");
        assertThat(steps.get(3).path("input_tokens").asInt()).isEqualTo(420);
        assertThat(steps.get(3).path("cached_tokens").asInt()).isEqualTo(128);

        List<ChatRequestSeen> seen = c.fake().chat().requests();
        assertThat(seen).hasSize(3);
        for (ChatRequestSeen request : seen) {
            assertThat(request.authKey()).isEqualTo(c.key());
            assertThat(request.model()).isEqualTo(c.model());
            assertThat(request.toolNames()).containsExactlyInAnyOrderElementsOf(TOOLS);
            assertThat(request.stream()).isTrue();
            assertThat(request.system()).contains("market analyst");
        }
        // the tool's result went back to the model in the provider's own shape
        assertThat(seen.get(1).toolResults()).hasSize(1);
        assertThat(seen.get(1).toolResults().get(0).text()).contains("BTC");
        assertThat(seen.get(2).toolResults()).hasSize(2);
        if (c.provider().equals("anthropic") || c.provider().equals("bedrock")) { // Claude, on Anthropic or Bedrock
            assertThat(seen.get(0).system()).contains("<role>");
        }
        if (c.fake() instanceof com.byomlab.testsupport.fakes.FakeBedrock bedrock) {
            assertThat(bedrock.secretSeenOnTheWire()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aBadToolCallIsAnsweredToTheModelNotACrash(Case c) {
        String token = api.newUser();
        String credential = LabFixtures.credential(api, c.fake(), token, c.provider(), c.key(), c.model());
        c.fake().chat().enqueue(
                ChatReply.toolCall("get_price_history", "{\"symbol\": \"NOPE\"}"),
                ChatReply.toolCall("teleport", "{}"),
                ChatReply.toolCall("compute_indicators", "{\"symbol\": \"ETH\", \"period\": \"many\"}"),
                ChatReply.text("I could not get the data."));

        String id = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "Tell me about NOPE",
                "llm_credential_id", credential)).text("id");
        JsonNode done = LabFixtures.awaitFinal(api, token, id);

        assertThat(done.path("status").asText()).isEqualTo("completed");
        List<String> results = api.get(LabFixtures.SESSIONS + "/" + id + "/messages", token).json().valueStream()
                .filter(s -> s.path("kind").asText().equals("tool_result")).map(s -> s.path("content").asText()).toList();
        assertThat(results).hasSize(3);
        assertThat(results.get(0)).contains("Unknown symbol").contains("BTC");
        assertThat(results.get(1)).contains("no tool named");
        assertThat(results.get(2)).contains("'period' must be a whole number");
        // and the model saw those errors
        assertThat(c.fake().chat().requests().get(1).toolResults().get(0).text()).contains("Unknown symbol");
    }
}
