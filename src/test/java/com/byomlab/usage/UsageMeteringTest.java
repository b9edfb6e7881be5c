package com.byomlab.usage;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every call of a session is metered with the tokens the provider reported and priced exactly.
 * Test prices (src/test/resources/usage/test-prices.json) are round, so the expected costs below are
 * worked by hand. The same usage gives the same stored figures on every provider (each fake reports it in its
 * provider's own terms; the profile normalises it): input includes cache reads, output includes reasoning.
 */
class UsageMeteringTest extends ApiIntegrationTest {

    record Case(String provider, FakeProviderServer fake, String key, String model, String expectedCost) {
        @Override
        public String toString() {
            return provider;
        }
    }

    static Stream<Case> providers() {
        return Stream.of(
                // OpenAI: input includes cached; output includes reasoning.
                // call 1: (10000-4000)*1 + 4000*0.5 + 200*4 = 6000+2000+800 = 8800 µ$ ; call 2: (12000-8000)*1 + 8000*0.5 + 300*4 = 9200 µ$
                new Case("openai", OPENAI, "sk-meter-" + UUID.randomUUID(), "gpt-4o-mini", "0.018"),
                // Anthropic (its wire: input_tokens 6000 beside 4000 cache reads); no reasoning count.
                // call 1: 6000*3 + 4000*0.3 + 200*15 = 18000+1200+3000 = 22200 µ$ ; call 2: 4000*3 + 8000*0.3 + 300*15 = 18900 µ$
                new Case("anthropic", ANTHROPIC, "sk-ant-meter-" + UUID.randomUUID(), "claude-sonnet-4-20250514", "0.0411"),
                // Gemini (its wire: 150 candidates beside 50 thoughts); thinking is billed as output.
                // call 1: 6000*0.1 + 4000*0.025 + 200*0.4 = 600+100+80 = 780 µ$ ; call 2: 4000*0.1 + 8000*0.025 + 300*0.4 = 720 µ$
                new Case("google", GEMINI, "AIza" + UUID.randomUUID().toString().replace("-", ""), "gemini-2.0-flash", "0.0015"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void recordedTokensAndCostEqualWhatTheProviderReported(Case c) {
        String token = api.newUser();
        c.fake().expectKey(c.key());
        String credential = api.post("/api/v1/users/me/llm-credentials", token, Map.of("provider", c.provider(),
                "api_key", c.key(), "model_name", c.model())).text("id");
        c.fake().chat().enqueue(
                ChatReply.toolCall("list_coins", "{}").usage(10_000, 200).cached(4_000).reasoning(50),
                ChatReply.text("done").usage(12_000, 300).cached(8_000).reasoning(100));

        String id = api.post("/api/v1/lab/agent/sessions", token, Map.of("user_goal", "BTC?",
                "llm_credential_id", credential)).text("id");
        JsonNode session = awaitFinal(token, id);
        assertThat(session.path("status").asText()).isEqualTo("completed");
        assertThat(session.path("cost_usd").decimalValue()).isEqualByComparingTo(c.expectedCost());
        assertThat(session.path("cost_complete").asBoolean()).isTrue();

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM llm_usage WHERE session_id = ? ORDER BY id",
                UUID.fromString(id));
        assertThat(rows).hasSize(2);
        boolean reasoningReported = !c.provider().equals("anthropic");
        assertRow(rows.get(0), c, 10_000, 200, 4_000, reasoningReported ? 50 : null);
        assertRow(rows.get(1), c, 12_000, 300, 8_000, reasoningReported ? 100 : null);
        BigDecimal sum = ((BigDecimal) rows.get(0).get("cost_usd")).add((BigDecimal) rows.get(1).get("cost_usd"));
        assertThat(sum).isEqualByComparingTo(c.expectedCost());
        assertThat(rows.get(0).get("credential_id")).isEqualTo(UUID.fromString(credential));
    }

    private static void assertRow(Map<String, Object> row, Case c, int in, int out, int cached, Integer reasoning) {
        assertThat(row.get("provider")).isEqualTo(c.provider());
        assertThat(row.get("model")).isEqualTo(c.model());
        assertThat(row.get("outcome")).isEqualTo("ok");
        assertThat(row.get("input_tokens")).isEqualTo(in);
        assertThat(row.get("output_tokens")).isEqualTo(out);
        assertThat(row.get("cached_input_tokens")).isEqualTo(cached);
        assertThat(row.get("reasoning_tokens")).isEqualTo(reasoning);
        assertThat(row.get("usage_reported")).isEqualTo(true);
        assertThat(row.get("purpose")).isEqualTo("agent");
    }

    JsonNode awaitFinal(String token, String id) {
        return api.awaitSessionEnd(token, id, java.time.Duration.ofSeconds(30));
    }
}
