package com.byomlab.agent;

import com.byomlab.testsupport.ApiIntegrationTest;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The tools on the bundled sample data: right figures in, clear errors back to the model for bad calls. */
class LabToolsTest extends ApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    LabTools tools;

    JsonNode ok(String name, String args) {
        LabTools.ToolResult r = tools.execute(ToolExecutionRequest.builder().id("t1").name(name).arguments(args).build());
        assertThat(r.error()).as(r.json()).isFalse();
        return JSON.readTree(r.json());
    }

    String error(String name, String args) {
        LabTools.ToolResult r = tools.execute(ToolExecutionRequest.builder().id("t1").name(name).arguments(args).build());
        assertThat(r.error()).as(r.json()).isTrue();
        return JSON.readTree(r.json()).path("error").asText();
    }

    @Test
    void everyToolHasASchemaAndTheNamesAreTheContract() {
        assertThat(tools.specifications()).extracting(s -> s.name()).containsExactly("list_coins", "get_price_history",
                "compute_indicators", "compare_coins", "backtest_strategy");
    }

    @Test
    void priceHistoryCountsDaysBackFromTheLatestData() {
        JsonNode r = ok("get_price_history", "{\"symbol\": \"btc\", \"days\": \"7\"}");
        assertThat(r.path("symbol").asText()).isEqualTo("BTC");
        assertThat(r.path("bars")).hasSize(7);
        assertThat(r.path("to").asText()).isEqualTo("2026-11-30");
        JsonNode bar = r.path("bars").get(6);
        assertThat(bar.get(2).asDouble()).isGreaterThanOrEqualTo(bar.get(3).asDouble()); // high >= low
    }

    @Test
    void indicatorsAndComparisonAndBacktestAnswerWithFigures() {
        JsonNode ind = ok("compute_indicators", "{\"symbol\": \"ETH\"}");
        assertThat(ind.path("rsi_14").asDouble()).isBetween(0.0, 100.0);
        assertThat(ind.has("sma_20")).isTrue();
        assertThat(ind.path("macd").has("histogram")).isTrue();
        assertThat(ind.path("volatility").path("annualised").asDouble()).isPositive();

        JsonNode cmp = ok("compare_coins", "{\"symbols\": [\"BTC\", \"eth\", \"BTC\"], \"days\": 30}");
        assertThat(cmp.path("coins")).hasSize(2);
        assertThat(cmp.path("correlations").get(0).path("pair").asText()).isEqualTo("BTC/ETH");

        JsonNode bt = ok("backtest_strategy", "{\"symbol\": \"SOL\", \"fast\": 5, \"slow\": 20}");
        assertThat(bt.path("strategy").asText()).isEqualTo("ma_crossover(5,20)");
        assertThat(bt.has("buy_and_hold_return")).isTrue();
    }

    @Test
    void everyToolSaysWhichSourceAndDaysItsFiguresComeFrom() {
        assertThat(ok("list_coins", "{}").findValuesAsString("source")).anyMatch(s -> s.startsWith("SYNTHETIC"));
        JsonNode history = ok("get_price_history", "{\"symbol\": \"BTC\", \"days\": 7}").path("data");
        assertThat(history.path("source").asText()).isEqualTo("synthetic sample data (not real prices)");
        assertThat(history.path("from").asText()).isEqualTo("2026-11-24");
        assertThat(history.path("to").asText()).isEqualTo("2026-11-30");
        assertThat(history.path("days").asInt()).isEqualTo(7);
        assertThat(history.path("missing_days").asInt()).isZero();
        assertThat(ok("compute_indicators", "{\"symbol\": \"ETH\", \"days\": 60}").path("data").path("from").asText())
                .isEqualTo("2026-10-02");
        assertThat(ok("compare_coins", "{\"symbols\": [\"BTC\", \"SOL\"]}").path("data").findValuesAsString("symbol"))
                .containsExactly("BTC", "SOL");
        assertThat(ok("backtest_strategy", "{\"symbol\": \"SOL\"}").path("data").path("source").asText())
                .contains("synthetic");
    }

    @Test
    void badCallsComeBackAsErrorsTheModelCanFix() {
        assertThat(error("get_price_history", "{}")).contains("'symbol' is required");
        assertThat(error("get_price_history", "{\"symbol\": \"ZZZ\"}")).contains("Unknown symbol").contains("BTC");
        assertThat(error("get_price_history", "{\"symbol\": \"BTC\", \"days\": 0}")).contains("between 1 and 365");
        assertThat(error("get_price_history", "not json")).contains("not valid JSON");
        assertThat(error("compute_indicators", "{\"symbol\": \"BTC\", \"indicators\": [\"astrology\"]}")).contains("accepts only");
        assertThat(error("compare_coins", "{\"symbols\": [\"BTC\"]}")).contains("2 to 10");
        assertThat(error("backtest_strategy", "{\"symbol\": \"BTC\", \"fast\": 30, \"slow\": 10}")).contains("shorter");
        assertThat(error("rm_rf", "{}")).contains("no tool named");
        assertThat(error("get_price_history", "{\"symbol\": \"'; DROP TABLE price_bars; --\"}")).contains("coin symbol");
        assertThat(ok("list_coins", "{}").findValuesAsString("symbol")).contains("BTC", "ETH"); // data intact
    }
}
