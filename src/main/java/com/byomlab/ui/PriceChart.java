package com.byomlab.ui;

import com.byomlab.agent.AgentStep;
import com.byomlab.market.MarketData;
import com.byomlab.market.PriceBar;
import com.byomlab.market.UnknownSymbolException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The price chart under a session's report: the coins its tool calls asked about, over the longest window
 * they used. One coin in USD; several indexed to 100 on the first day, so that they share an axis.
 */
@Component
class PriceChart {

    record Series(String name, List<Double> values) {
    }

    /** What charts.js draws (ECharts line chart). */
    record Data(String title, String unit, List<String> dates, List<Series> series) {
    }

    static final int DEFAULT_DAYS = 90;
    private static final int MAX_COINS = 6;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final MarketData market;

    PriceChart(MarketData market) {
        this.market = market;
    }

    /** The chart as JSON for the page, or null when the session looked at no coin with prices. */
    String json(List<AgentStep> steps) {
        Data data = of(steps);
        return data == null ? null : JSON.writeValueAsString(data);
    }

    Data of(List<AgentStep> steps) {
        Set<String> coins = new LinkedHashSet<>();
        int days = 0;
        for (AgentStep step : steps) {
            if (!AgentStep.TOOL_CALL.equals(step.kind())) {
                continue;
            }
            JsonNode args = StepView.parse(step.content());
            if (args == null) {
                continue;
            }
            if (args.path("symbol").isString()) {
                coins.add(args.path("symbol").asString().strip().toUpperCase(Locale.ROOT));
            }
            for (JsonNode s : args.path("symbols")) {
                coins.add(s.asString().strip().toUpperCase(Locale.ROOT));
            }
            if (args.path("days").canConvertToInt()) {
                days = Math.max(days, args.path("days").asInt());
            }
        }
        Map<String, Map<LocalDate, Double>> closes = new LinkedHashMap<>();
        int window = Math.min(days == 0 ? DEFAULT_DAYS : days, 3650);
        for (String coin : coins.stream().limit(MAX_COINS).toList()) {
            try {
                market.latest(coin).ifPresent(last -> {
                    Map<LocalDate, Double> byDate = new LinkedHashMap<>();
                    for (PriceBar bar : market.history(coin, last.date().minusDays(window - 1L), last.date())) {
                        byDate.put(bar.date(), bar.close());
                    }
                    if (!byDate.isEmpty()) {
                        closes.put(coin, byDate);
                    }
                });
            } catch (UnknownSymbolException e) {
                // the model asked about a coin we have no prices for: nothing to draw
            }
        }
        return closes.isEmpty() ? null : chart(closes, window);
    }

    private static Data chart(Map<String, Map<LocalDate, Double>> closes, int window) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        closes.values().forEach(c -> dates.addAll(c.keySet()));
        boolean indexed = closes.size() > 1;
        List<Series> series = new ArrayList<>();
        closes.forEach((coin, byDate) -> {
            double first = byDate.values().iterator().next();
            List<Double> values = new ArrayList<>();
            for (LocalDate d : dates) {
                Double close = byDate.get(d);
                values.add(close == null ? null : indexed ? round(close / first * 100) : close);
            }
            series.add(new Series(coin, values));
        });
        String title = String.join(", ", closes.keySet()) + " — last " + window + " days"
                + (indexed ? " (indexed, first day = 100)" : " (USD close)");
        return new Data(title, indexed ? "index" : "USD", dates.stream().map(LocalDate::toString).toList(), series);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
