package com.byomlab.demo;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The scripted "model" of demo mode. It reads an OpenAI-format conversation and answers the way a
 * tool-calling model would: list the coins, fetch history, compute indicators, compare when the goal
 * names several coins, then write a report from the tool results. Deterministic, and labelled as
 * simulated in every report.
 */
final class SimulatedAnalyst {

    /** Either a tool call (name + JSON arguments) or the final text. */
    record Move(String toolName, String arguments, String text) {
        static Move call(String name, String arguments) {
            return new Move(name, arguments, null);
        }

        static Move answer(String text) {
            return new Move(null, null, text);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SimulatedAnalyst() {
    }

    static Move next(JsonNode messages) {
        String goal = "";
        List<String> toolsCalled = new ArrayList<>();
        Map<String, JsonNode> results = new java.util.LinkedHashMap<>();
        Map<String, String> callNames = new java.util.HashMap<>();
        for (JsonNode m : messages) {
            String role = m.path("role").asText();
            if (role.equals("user") && goal.isEmpty()) {
                goal = m.path("content").isTextual() ? m.path("content").asText() : m.path("content").toString();
            } else if (role.equals("assistant")) {
                for (JsonNode call : m.path("tool_calls")) {
                    callNames.put(call.path("id").asText(), call.path("function").path("name").asText());
                    toolsCalled.add(call.path("function").path("name").asText());
                }
            } else if (role.equals("tool")) {
                String name = callNames.getOrDefault(m.path("tool_call_id").asText(), "?");
                results.put(name + "#" + results.size(), parse(m.path("content").asText()));
            }
        }
        if (!toolsCalled.contains("list_coins")) {
            return Move.call("list_coins", "{}");
        }
        List<String> symbols = symbolsIn(goal, find(results, "list_coins"));
        String first = symbols.get(0);
        if (!toolsCalled.contains("get_price_history")) {
            return Move.call("get_price_history", "{\"symbol\":\"" + first + "\",\"days\":30}");
        }
        if (!toolsCalled.contains("compute_indicators")) {
            return Move.call("compute_indicators", "{\"symbol\":\"" + first + "\",\"indicators\":[\"sma\",\"rsi\",\"macd\",\"volatility\"]}");
        }
        if (symbols.size() > 1 && !toolsCalled.contains("compare_coins")) {
            return Move.call("compare_coins", "{\"symbols\":" + JSON.writeValueAsString(symbols) + ",\"days\":90}");
        }
        return Move.answer(report(first, results));
    }

    private static List<String> symbolsIn(String goal, JsonNode coins) {
        Set<String> found = new LinkedHashSet<>();
        String text = goal.toUpperCase(Locale.ROOT);
        if (coins != null) {
            for (JsonNode coin : coins) {
                String symbol = coin.path("symbol").asText();
                String name = coin.path("name").asText().toUpperCase(Locale.ROOT);
                if (text.matches("(?s).*\\b" + java.util.regex.Pattern.quote(symbol) + "\\b.*")
                        || (!name.isEmpty() && text.contains(name))) {
                    found.add(symbol);
                }
            }
        }
        if (found.isEmpty()) {
            found.add(coins != null && !coins.isEmpty() ? coins.get(0).path("symbol").asText("BTC") : "BTC");
        }
        return List.copyOf(found).subList(0, Math.min(found.size(), 5));
    }

    private static String report(String symbol, Map<String, JsonNode> results) {
        JsonNode indicators = find(results, "compute_indicators");
        JsonNode comparison = find(results, "compare_coins");
        StringBuilder out = new StringBuilder("**Simulated analysis (demo mode — no real LLM was called)**\n\n");
        if (indicators != null && !indicators.has("error")) {
            out.append(String.format(Locale.ROOT, "%s closed at %s on %s. RSI(14) is %.1f; MACD histogram %s; "
                            + "annualised volatility %s.%n", symbol, indicators.path("last_close").asText("?"),
                    indicators.path("as_of").asText("?"), indicators.path("rsi_14").asDouble(),
                    indicators.path("macd").path("histogram").asText("?"),
                    percent(indicators.path("volatility").path("annualised"))));
        }
        if (comparison != null && !comparison.has("error")) {
            out.append("\nOver ").append(comparison.path("days").asText("?")).append(" days:\n");
            for (JsonNode coin : comparison.path("coins")) {
                out.append(String.format(Locale.ROOT, "- %s: return %s, annualised volatility %s, max drawdown %s%n",
                        coin.path("symbol").asText(), percent(coin.path("total_return")),
                        percent(coin.path("annualised_volatility")), percent(coin.path("max_drawdown"))));
            }
        }
        JsonNode data = indicators != null ? indicators.path("data") : null;
        if (data != null && data.path("source").isString()) {
            out.append("\nData: ").append(data.path("source").asString()).append(", ").append(data.path("from").asString("?"))
                    .append(" to ").append(data.path("to").asString("?")).append(". Not financial advice.");
        } else {
            out.append("\nThe figures come from the Lab's sample data set (synthetic prices). Not financial advice.");
        }
        return out.toString();
    }

    private static String percent(JsonNode fraction) {
        return fraction.isNumber() ? String.format(Locale.ROOT, "%.1f%%", fraction.asDouble() * 100) : "?";
    }

    private static JsonNode find(Map<String, JsonNode> results, String tool) {
        JsonNode last = null;
        for (var e : results.entrySet()) {
            if (e.getKey().startsWith(tool + "#")) {
                last = e.getValue();
            }
        }
        return last;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (RuntimeException e) {
            return JSON.createObjectNode().put("error", "unreadable tool result");
        }
    }
}
