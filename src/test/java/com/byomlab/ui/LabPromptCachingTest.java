package com.byomlab.ui;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Lab session on Anthropic asks for prompt caching (breakpoints on the tools, the system prompt and the last
 * message), so each turn reads what the turn before wrote. The fake plays Anthropic's cache (writes on first sight of
 * a prefix, reads after) and reports the usage as Anthropic does; the session's cost is exact and its saving shown.
 *
 * <p>Test prices for claude-sonnet-4-20250514, USD per million: input 3, cache read 0.30, 5-minute cache write 3.75,
 * output 15.
 */
class LabPromptCachingTest extends ApiIntegrationTest {

    @Test
    void laterTurnsReadWhatEarlierTurnsWrote() {
        PageClient pages = new PageClient(port);
        String token = api.login(pages.signUp(), BrowserTest.PASSWORD);
        String key = "sk-ant-cache-" + UUID.randomUUID();
        ANTHROPIC.expectKey(key);
        String credential = api.post("/api/v1/users/me/llm-credentials", token, Map.of("provider", "anthropic",
                "api_key", key, "model_name", "claude-sonnet-4-20250514")).text("id");
        int before = ANTHROPIC.promptCacheUsage().size();
        // no usage scripted: the fake's prompt cache says what was read and written; 5 output tokens each
        ANTHROPIC.chat().enqueue(ChatReply.toolCall("list_coins", "{}"), ChatReply.toolCall("list_coins", "{}"),
                ChatReply.text("BTC is listed. Not financial advice."));

        String id = api.post("/api/v1/lab/agent/sessions", token, Map.of("user_goal", "Which coins can I ask about?",
                "llm_credential_id", credential)).text("id");
        JsonNode session = api.awaitSessionEnd(token, id, Duration.ofSeconds(30));
        assertThat(session.path("status").asText()).isEqualTo("completed");

        // what went over the wire: breakpoints on the last tool, the system prompt and the last message
        String firstRequest = ANTHROPIC.chat().requests().get(ANTHROPIC.chat().requests().size() - 3).raw().body();
        assertThat(firstRequest.split("\"cache_control\"", -1)).hasSize(4);

        List<int[]> usage = ANTHROPIC.promptCacheUsage().subList(before, before + 3); // {plain, read, 5m, 1h}
        // turn 1 writes its whole prompt; each later turn reads exactly what the turns before it wrote
        assertThat(usage.get(0)[1]).isZero();
        assertThat(usage.get(0)[2]).isPositive();
        assertThat(usage.get(1)[1]).isEqualTo(usage.get(0)[1] + usage.get(0)[2]);
        assertThat(usage.get(2)[1]).isEqualTo(usage.get(1)[1] + usage.get(1)[2]);
        assertThat(usage).allSatisfy(u -> assertThat(u[3]).isZero()); // 5-minute TTL only

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM llm_usage WHERE session_id = ? ORDER BY id",
                UUID.fromString(id));
        assertThat(rows).hasSize(3);
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal withoutCache = BigDecimal.ZERO;
        for (int i = 0; i < 3; i++) {
            int[] u = usage.get(i);
            Map<String, Object> row = rows.get(i);
            assertThat(row.get("input_tokens")).isEqualTo(u[0] + u[1] + u[2]);
            assertThat(row.get("cached_input_tokens")).isEqualTo(u[1]);
            assertThat(row.get("cache_write_tokens")).isEqualTo(u[2]);
            // plain x 3 + read x 0.30 + written x 3.75 + 5 out x 15, per million
            BigDecimal turn = usd(u[0] * 3_000_000L + u[1] * 300_000L + u[2] * 3_750_000L + 5 * 15_000_000L);
            assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo(turn);
            BigDecimal plainCost = usd((u[0] + u[1] + u[2]) * 3_000_000L + 5 * 15_000_000L);
            assertThat((BigDecimal) row.get("cost_without_cache_usd")).isEqualByComparingTo(plainCost);
            cost = cost.add(turn);
            withoutCache = withoutCache.add(plainCost);
        }
        assertThat(session.path("cost_usd").decimalValue()).isEqualByComparingTo(cost);
        assertThat(session.path("cost_complete").asBoolean()).isTrue();
        assertThat(session.path("cached_input_tokens").asLong()).isEqualTo(usage.get(1)[1] + usage.get(2)[1]);
        assertThat(session.path("cache_saving_usd").decimalValue()).isEqualByComparingTo(withoutCache.subtract(cost));
        // the first turn pays 1.25x for its writes; the reads of the later ones more than make up for it
        assertThat(session.path("cache_saving_usd").decimalValue()).isPositive();

        // the fake's counts (its tokens are a quarter of the JSON's characters) pinned, and the cost to the digit:
        // turn 1 writes its 761-token prompt (tools, system prompt, goal); turn 2 reads those 761 and writes the 443
        // of the answer and tool result that follow; turn 3 reads 761 + 443 = 1204 and writes the next 443
        assertThat(usage).containsExactly(new int[] {0, 0, 761, 0}, new int[] {0, 761, 443, 0},
                new int[] {0, 1204, 443, 0});
        // turn 1: 761 x 3.75 + 5 x 15 = 2853.75 + 75 = 2928.75
        // turn 2: 761 x 0.30 + 443 x 3.75 + 75 = 228.30 + 1661.25 + 75 = 1964.55
        // turn 3: 1204 x 0.30 + 443 x 3.75 + 75 = 361.20 + 1661.25 + 75 = 2097.45 -> 6990.75 per million
        assertThat(session.path("cost_usd").decimalValue()).isEqualByComparingTo("0.00699075");
        // without caching: (761 + 1204 + 1647) x 3 + 15 x 15 = 10836 + 225 = 11061 -> saved 4070.25 per million
        assertThat(session.path("cache_saving_usd").decimalValue()).isEqualByComparingTo("0.00407025");

        // shown: on the session page, and on the usage page by day and model
        String page = pages.get("/lab/sessions/" + id).body();
        assertThat(page).contains("id=\"cache-read\">1965<", "id=\"cache-saving\"", ">$0.00407<");
        String usagePage = pages.get("/usage").body();
        assertThat(usagePage).contains("By day and model", "Anthropic · claude-sonnet-4-20250514", ">1965<",
                ">$0.00407<");
    }

    /** Micro-micro-dollars (USD x 1e12) to USD, exactly. */
    private static BigDecimal usd(long picoUsd) {
        return BigDecimal.valueOf(picoUsd).movePointLeft(12);
    }
}
