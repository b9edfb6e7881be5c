package com.byomlab.usage;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same upstream usage gives the same token figures in every view, on every provider: one Lab session turn and one
 * gateway call on each fake, each reporting what really was 1200 input tokens (200 read from the prompt cache, 100
 * written to it) and 300 output tokens (50 of them reasoning) in its provider's own terms: Anthropic's input_tokens
 * leave cache reads and writes out, Gemini's candidatesTokenCount leaves thinking out, OpenAI counts both in. The
 * stored usage rows, the session's totals, its step, the gateway's answer and the token metrics must all say 1200 /
 * 300 / 200 cached, with cache writes and reasoning where the provider reports them apart.
 */
class SameTokenFiguresEverywhereTest extends ApiIntegrationTest {

    static final int IN = 1200;
    static final int OUT = 300;
    static final int CACHE_READS = 200;
    static final int CACHE_WRITES = 100;
    static final int REASONING = 50;

    /** A provider as a test case: how to store a key for it, and which parts of usage it reports apart. */
    record Case(String provider, FakeProviderServer fake, String key, String model, String baseUrl,
                boolean reportsCacheWrites, boolean reportsReasoning) {
        @Override
        public String toString() {
            return provider;
        }
    }

    static Stream<Case> providers() {
        return Stream.of(
                new Case("openai", OPENAI, "sk-same-" + rand(), "gpt-4o-mini", null, false, true),
                new Case("anthropic", ANTHROPIC, "sk-ant-same-" + rand(), "claude-sonnet-4-20250514", null, true, false),
                new Case("google", GEMINI, "AIza" + rand(), "gemini-2.0-flash", null, false, true),
                new Case("azure_openai", AZURE, rand(), "gpt-4o-mini", AZURE.baseUrl(), false, true),
                new Case("openai_compatible", COMPATIBLE, "same-" + rand(), "gpt-4o-mini", COMPATIBLE.baseUrl(), false,
                        true),
                new Case("groq", GROQ, "gsk_" + rand(), "gpt-4o-mini", null, false, true),
                new Case("openrouter", OPENROUTER, "sk-or-v1-" + rand(), "openai/gpt-4o-mini", null, false, true));
    }

    @Autowired
    MeterRegistry metrics;

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void oneUsageOneSetOfFigures(Case c) {
        String login = api.newUser();
        c.fake().expectKey(c.key());
        Map<String, Object> body = new HashMap<>(Map.of("provider", c.provider(), "api_key", c.key(),
                "model_name", c.model()));
        if (c.baseUrl() != null) {
            body.put("base_url", c.baseUrl());
        }
        Response stored = api.post("/api/v1/users/me/llm-credentials", login, body);
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        String credential = stored.text("id");
        Map<String, Double> metricsBefore = tokenMetrics(c);

        // the Lab: one model turn that ends the session
        c.fake().chat().enqueue(reply(ChatReply.text("BTC rose. Not financial advice.")));
        String session = api.post("/api/v1/lab/agent/sessions", login, Map.of("user_goal", "BTC?",
                "llm_credential_id", credential)).text("id");
        JsonNode done = api.awaitSessionEnd(login, session, Duration.ofSeconds(30));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        assertFigures("session", done.path("input_tokens"), done.path("output_tokens"),
                done.path("cached_input_tokens"), done.path("cache_write_tokens"), done.path("reasoning_tokens"), c,
                true);
        JsonNode step = api.get("/api/v1/lab/agent/sessions/" + session + "/messages", login).json().get(0);
        assertThat(step.path("kind").asText()).isEqualTo("model_turn");
        assertFigures("step", step.path("input_tokens"), step.path("output_tokens"), step.path("cached_tokens"),
                step.path("cache_write_tokens"), step.path("reasoning_tokens"), c, false);

        // the gateway: the same usage on a plain chat completion
        String token = api.post("/api/v1/users/me/tokens", login, Map.of("name", "same figures",
                "credential_id", credential)).text("token");
        c.fake().chat().enqueue(reply(ChatReply.text("BTC rose.")));
        Response answer = api.post("/v1/chat/completions", token, Map.of("model", c.model(), "messages",
                List.of(Map.of("role", "user", "content", "BTC?"))));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode usage = answer.json().path("usage");
        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(IN);
        assertThat(usage.path("completion_tokens").asInt()).isEqualTo(OUT);
        assertThat(usage.path("total_tokens").asInt()).isEqualTo(IN + OUT);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt()).isEqualTo(CACHE_READS);
        if (c.reportsCacheWrites()) {
            assertThat(usage.path("prompt_tokens_details").path("cache_write_tokens").asInt()).isEqualTo(CACHE_WRITES);
        } else {
            assertThat(usage.path("prompt_tokens_details").has("cache_write_tokens")).isFalse();
        }
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt())
                .isEqualTo(c.reportsReasoning() ? REASONING : 0);

        // the stored usage rows, one per call, Lab and gateway alike
        String user = api.get("/api/v1/users/me", login).text("id");
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM llm_usage WHERE user_id = ? ORDER BY id",
                UUID.fromString(user));
        assertThat(rows).extracting(r -> r.get("purpose")).containsExactly("agent", "gateway");
        for (Map<String, Object> row : rows) {
            assertThat(row.get("provider")).isEqualTo(c.provider());
            assertThat(row.get("input_tokens")).isEqualTo(IN);
            assertThat(row.get("output_tokens")).isEqualTo(OUT);
            assertThat(row.get("cached_input_tokens")).isEqualTo(CACHE_READS);
            assertThat(row.get("cache_write_tokens")).isEqualTo(c.reportsCacheWrites() ? CACHE_WRITES : null);
            assertThat(row.get("reasoning_tokens")).isEqualTo(c.reportsReasoning() ? REASONING : null);
        }

        // the metrics, counted once per call
        Map<String, Double> metricsAfter = tokenMetrics(c);
        assertThat(metricsAfter.get("input") - metricsBefore.get("input")).isEqualTo(2.0 * IN);
        assertThat(metricsAfter.get("output") - metricsBefore.get("output")).isEqualTo(2.0 * OUT);
        assertThat(metricsAfter.get("cached_input") - metricsBefore.get("cached_input")).isEqualTo(2.0 * CACHE_READS);
        assertThat(metricsAfter.get("cache_write") - metricsBefore.get("cache_write"))
                .isEqualTo(c.reportsCacheWrites() ? 2.0 * CACHE_WRITES : 0);
        assertThat(metricsAfter.get("reasoning") - metricsBefore.get("reasoning"))
                .isEqualTo(c.reportsReasoning() ? 2.0 * REASONING : 0);
    }

    /** What the call really used; each fake reports it the way its provider does. */
    private static ChatReply reply(ChatReply reply) {
        return reply.usage(IN, OUT).cached(CACHE_READS).cacheWrite(CACHE_WRITES).reasoning(REASONING);
    }

    private static void assertFigures(String view, JsonNode in, JsonNode out, JsonNode reads, JsonNode writes,
                                      JsonNode reasoning, Case c, boolean totals) {
        assertThat(in.asInt()).as(view + " input").isEqualTo(IN);
        assertThat(out.asInt()).as(view + " output").isEqualTo(OUT);
        assertThat(reads.asInt()).as(view + " cache reads").isEqualTo(CACHE_READS);
        if (c.reportsCacheWrites()) {
            assertThat(writes.asInt()).as(view + " cache writes").isEqualTo(CACHE_WRITES);
        } else {
            // totals sum what was reported (0); a step leaves out a part its provider does not report (null)
            assertThat(totals ? writes.asInt() == 0 : !writes.isNumber()).as(view + " cache writes").isTrue();
        }
        if (c.reportsReasoning()) {
            assertThat(reasoning.asInt()).as(view + " reasoning").isEqualTo(REASONING);
        } else {
            assertThat(totals ? reasoning.asInt() == 0 : !reasoning.isNumber()).as(view + " reasoning").isTrue();
        }
    }

    private Map<String, Double> tokenMetrics(Case c) {
        Map<String, Double> counts = new HashMap<>();
        for (String kind : List.of("input", "output", "cached_input", "cache_write", "reasoning")) {
            Counter counter = metrics.find("byom.tokens").tags("provider", c.provider(), "model", c.model(), "kind", kind)
                    .counter();
            counts.put(kind, counter == null ? 0.0 : counter.count());
        }
        return counts;
    }

    private static String rand() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
