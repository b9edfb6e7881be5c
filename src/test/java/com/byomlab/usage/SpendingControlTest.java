package com.byomlab.usage;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Caps stop further LLM calls with a clear status; alerts are listed and sent to the webhook; spend is reported. */
class SpendingControlTest extends ApiIntegrationTest {

    String token;
    String credential;

    void userWithOpenAi(String model) {
        token = api.newUser();
        String key = "sk-spend-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        OPENAI.models("gpt-4o", "gpt-4o-mini", "gpt-estimate-only");
        credential = api.post("/api/v1/users/me/llm-credentials", token, Map.of("provider", "openai", "api_key", key,
                "model_name", model)).text("id");
    }

    String session() {
        Response r = api.post("/api/v1/lab/agent/sessions", token, Map.of("user_goal", "BTC?", "llm_credential_id", credential));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    @Test
    void aSessionWithACentCapStopsWithCostLimitReachedAndKeepsItsSteps() {
        userWithOpenAi("gpt-4o-mini");
        assertThat(api.put("/api/v1/users/me/budget", token, Map.of("session_cap_usd", "0.01")).status()).isEqualTo(200);
        // 20000 in + 100 out at $1/$4 per Mtok = $0.0204: over the cap after the first call
        OPENAI.chat().enqueue(ChatReply.toolCall("list_coins", "{}").usage(20_000, 100), ChatReply.text("never asked"));

        String id = session();
        JsonNode done = awaitFinal(id);
        assertThat(done.path("status").asText()).isEqualTo("cost_limit_reached");
        assertThat(done.path("error_code").asText()).isEqualTo("cost_limit_reached");
        assertThat(done.path("status_reason").asText()).contains("$0.01");
        assertThat(done.path("cost_usd").decimalValue()).isEqualByComparingTo("0.0204");
        assertThat(OPENAI.chat().requests()).hasSize(1);
        assertThat(api.get("/api/v1/lab/agent/sessions/" + id + "/messages", token).json().findValuesAsString("kind"))
                .containsExactly("model_turn", "tool_call", "tool_result");
        JsonNode alerts = api.get("/api/v1/users/me/alerts", token).json();
        assertThat(alerts.findValuesAsString("kind")).containsExactly("session_cap_reached");
        assertThat(alerts.get(0).path("session_id").asText()).isEqualTo(id);
    }

    @Test
    void theMonthlyCapStopsNewCallsAcrossSessions() {
        userWithOpenAi("gpt-4o-mini");
        api.put("/api/v1/users/me/budget", token, Map.of("monthly_cap_usd", "0.02"));
        OPENAI.chat().enqueue(ChatReply.text("first").usage(25_000, 0));
        assertThat(awaitFinal(session()).path("status").asText()).isEqualTo("completed"); // $0.025 spent

        String second = session();
        JsonNode done = awaitFinal(second);
        assertThat(done.path("status").asText()).isEqualTo("cost_limit_reached");
        assertThat(done.path("status_reason").asText()).contains("monthly");
        assertThat(api.get("/api/v1/users/me/alerts", token).json().findValuesAsString("kind")).contains("monthly_cap_reached");
    }

    @Test
    void passingTheAlertAmountRaisesOneAlertAndPostsItToTheWebhook() {
        userWithOpenAi("gpt-4o-mini");
        api.put("/api/v1/users/me/budget", token, Map.of("session_alert_usd", "0.01"));
        OPENAI.chat().enqueue(ChatReply.toolCall("list_coins", "{}").usage(8_000, 0),   // $0.008
                ChatReply.toolCall("list_coins", "{}").usage(8_000, 0),                  // $0.016: alert
                ChatReply.text("done").usage(8_000, 0));                                 // $0.024: no second alert
        String id = session();
        assertThat(awaitFinal(id).path("status").asText()).isEqualTo("completed");

        JsonNode alerts = api.get("/api/v1/users/me/alerts", token).json();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).path("kind").asText()).isEqualTo("session_cost_threshold");
        assertThat(alerts.get(0).path("amount_usd").decimalValue()).isEqualByComparingTo("0.016");
        JsonNode posted = WEBHOOK.awaitPost(p -> p.path("session_id").asText().equals(id));
        assertThat(posted.path("type").asText()).isEqualTo("session_cost_threshold");
        assertThat(posted.toString()).doesNotContain("sk-");
        String status = awaitWebhookStatus();
        assertThat(status).isEqualTo("delivered");
    }

    @Test
    void anUnpricedModelOrMissingUsageIsUnknownNeverZero() {
        token = api.newUser();
        String key = "local-" + UUID.randomUUID();
        COMPATIBLE.expectKey(key);
        credential = api.post("/api/v1/users/me/llm-credentials", token, Map.of("provider", "openai_compatible",
                "api_key", key, "base_url", COMPATIBLE.baseUrl(), "model_name", "gpt-4o")).text("id");
        COMPATIBLE.chat().enqueue(ChatReply.text("ok").usage(1000, 10));
        JsonNode unpriced = awaitFinal(session());
        assertThat(unpriced.path("cost_complete").asBoolean()).isFalse();
        assertThat(jdbc.queryForObject("SELECT cost_usd FROM llm_usage WHERE session_id = ?", BigDecimal.class,
                UUID.fromString(unpriced.path("id").asText()))).isNull();

        userWithOpenAi("gpt-4o-mini");
        OPENAI.chat().enqueue(ChatReply.text("no usage in this stream").withoutUsage());
        JsonNode unreported = awaitFinal(session());
        assertThat(unreported.path("cost_complete").asBoolean()).isFalse();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM llm_usage WHERE session_id = ?",
                UUID.fromString(unreported.path("id").asText()));
        assertThat(row.get("usage_reported")).isEqualTo(false);
        assertThat(row.get("cost_usd")).isNull();
    }

    @Test
    void spendWithUnknownPartsSaysSoNullWhenNothingIsKnownNeverZero() {
        token = api.newUser();
        String userId = api.get("/api/v1/users/me", token).text("id");
        String key = "local-" + UUID.randomUUID();
        COMPATIBLE.expectKey(key);
        credential = api.post("/api/v1/users/me/llm-credentials", token, Map.of("provider", "openai_compatible",
                "api_key", key, "base_url", COMPATIBLE.baseUrl(), "model_name", "gpt-4o")).text("id");
        COMPATIBLE.chat().enqueue(ChatReply.text("ok").usage(1000, 10)); // no price for openai_compatible gpt-4o
        awaitFinal(session());

        JsonNode unknown = api.get("/api/v1/users/me/usage", token).json();
        JsonNode row = unknown.path("rows").get(0);
        assertThat(row.path("unpriced_calls").asInt()).isEqualTo(1);
        assertThat(row.has("cost_usd")).as("present, as null").isTrue();
        assertThat(row.path("cost_usd").isNull()).as(row.toString()).isTrue();
        assertThat(row.path("cost_complete").asBoolean()).isFalse();
        assertThat(unknown.path("total_cost_usd").isNull()).as(unknown.toString()).isTrue();
        assertThat(unknown.has("total_cost_usd")).isTrue();
        assertThat(unknown.path("cost_complete").asBoolean()).isFalse();

        // a priced call beside it: a known part, and a total that says it lacks some
        String openAiKey = "sk-spend-" + UUID.randomUUID();
        OPENAI.expectKey(openAiKey);
        credential = api.post("/api/v1/users/me/llm-credentials", token, Map.of("provider", "openai", "api_key",
                openAiKey, "model_name", "gpt-4o-mini")).text("id");
        OPENAI.chat().enqueue(ChatReply.text("x").usage(2_000, 200)); // 2000*1 + 200*4 = 2800 µ$
        awaitFinal(session());

        JsonNode mixed = api.get("/api/v1/users/me/usage", token).json();
        assertThat(mixed.path("total_cost_usd").decimalValue()).isEqualByComparingTo("0.0028");
        assertThat(mixed.path("cost_complete").asBoolean()).isFalse();
        assertThat(mixed.path("unpriced_calls").asInt()).isEqualTo(1);
        JsonNode priced = findRow(mixed.path("rows"), "openai");
        assertThat(priced.path("cost_usd").decimalValue()).isEqualByComparingTo("0.0028");
        assertThat(priced.path("cost_complete").asBoolean()).isTrue();

        // the administrators' view says the same
        String admin = api.newUser();
        String adminEmail = api.get("/api/v1/users/me", admin).text("email");
        jdbc.update("UPDATE users SET role = 'ADMIN' WHERE email = ?", adminEmail);
        admin = api.login(adminEmail, "correct-horse-9");
        JsonNode everyone = api.get("/api/v1/admin/usage", admin).json();
        List<JsonNode> mine = new java.util.ArrayList<>();
        everyone.forEach(r -> {
            if (r.path("user_id").asText().equals(userId)) {
                mine.add(r);
            }
        });
        assertThat(mine).hasSize(2);
        JsonNode adminUnknown = findRow(mine, "openai_compatible");
        assertThat(adminUnknown.has("cost_usd") && adminUnknown.path("cost_usd").isNull()).as(adminUnknown.toString()).isTrue();
        assertThat(adminUnknown.path("cost_complete").asBoolean()).isFalse();
        JsonNode adminPriced = findRow(mine, "openai");
        assertThat(adminPriced.path("cost_usd").decimalValue()).isEqualByComparingTo("0.0028");
        assertThat(adminPriced.path("cost_complete").asBoolean()).isTrue();
    }

    private static JsonNode findRow(Iterable<JsonNode> rows, String provider) {
        for (JsonNode r : rows) {
            if (r.path("provider").asText().equals(provider)) {
                return r;
            }
        }
        throw new AssertionError("no " + provider + " row in " + rows);
    }

    @Test
    void usageIsReportedByDayProviderAndModel() {
        userWithOpenAi("gpt-4o-mini");
        OPENAI.chat().enqueue(ChatReply.toolCall("list_coins", "{}").usage(1_000, 100), ChatReply.text("x").usage(2_000, 200));
        awaitFinal(session());

        JsonNode report = api.get("/api/v1/users/me/usage", token).json();
        assertThat(report.path("rows")).hasSize(1);
        JsonNode row = report.path("rows").get(0);
        assertThat(row.path("provider").asText()).isEqualTo("openai");
        assertThat(row.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(row.path("calls").asInt()).isEqualTo(2);
        assertThat(row.path("input_tokens").asInt()).isEqualTo(3_000);
        assertThat(row.path("output_tokens").asInt()).isEqualTo(300);
        // 3000*1 + 300*4 = 4200 µ$
        assertThat(row.path("cost_usd").decimalValue()).isEqualByComparingTo("0.0042");
        assertThat(report.path("total_cost_usd").decimalValue()).isEqualByComparingTo("0.0042");
        assertThat(report.path("total_cost_usd").toString()).doesNotContain("E"); // plain decimals, not 4.2E-3
        assertThat(report.path("cost_complete").asBoolean()).isTrue();
        assertThat(row.path("cost_complete").asBoolean()).isTrue();

        Response bad = api.get("/api/v1/users/me/usage?from=2026-12-01&to=2026-01-01", token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("code")).isEqualTo("invalid_date_range");
        assertThat(api.get("/api/v1/users/me/usage?from=yesterday", token).status()).isEqualTo(400);
        assertThat(api.put("/api/v1/users/me/budget", token, Map.of("session_cap_usd", "-1")).status()).isEqualTo(400);
    }

    @Test
    void theEstimateUsesPastSessionsOnTheModelAndShowsRatesPer1kTokens() {
        // estimates read every user's sessions on a model: a database kept from an earlier run may hold some
        jdbc.update("DELETE FROM llm_usage WHERE model = 'gpt-estimate-only'");
        userWithOpenAi("gpt-estimate-only");
        Response before = api.post("/api/v1/lab/agent/sessions/estimate", token, Map.of("llm_credential_id", credential));
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.text("basis")).contains("typical session");
        assertThat(before.json().path("low_usd").decimalValue()).isPositive()
                .isLessThan(before.json().path("high_usd").decimalValue());
        assertThat(before.json().path("input_per_1k_usd").decimalValue()).isEqualByComparingTo("0.002");
        assertThat(before.json().path("output_per_1k_usd").decimalValue()).isEqualByComparingTo("0.008");
        assertThat(before.json().path("models").findValuesAsString("model")).contains("gpt-4o-mini", "gpt-estimate-only");

        for (int i = 0; i < CostEstimates.MIN_HISTORY; i++) {
            OPENAI.chat().enqueue(ChatReply.text("ok").usage(1_000, 100)); // 1000*2 + 100*8 = 2800 µ$
            awaitFinal(session());
        }
        Response after = api.post("/api/v1/lab/agent/sessions/estimate", token, Map.of("llm_credential_id", credential));
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.text("basis")).contains("last " + CostEstimates.MIN_HISTORY + " sessions");
        assertThat(after.json().path("low_usd").decimalValue()).isEqualByComparingTo("0.0028");
        assertThat(after.json().path("high_usd").decimalValue()).isEqualByComparingTo("0.0028");
        assertThat(api.get("/api/v1/lab/agent/sessions", token).json()).hasSize(CostEstimates.MIN_HISTORY); // estimating created none
    }

    private String awaitWebhookStatus() {
        for (int i = 0; i < 400; i++) {
            String status = api.get("/api/v1/users/me/alerts", token).json().get(0).path("webhook_status").asText();
            if (!status.equals("pending")) {
                return status;
            }
            sleep();
        }
        return "pending";
    }

    JsonNode awaitFinal(String id) {
        return api.awaitSessionEnd(token, id, java.time.Duration.ofSeconds(30));
    }

    private static void sleep() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
