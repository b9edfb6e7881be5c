package com.byomlab.agent;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A tool call's JSON arguments, read defensively: models send strings for numbers, extra fields,
 * or broken JSON. Every problem becomes a {@link BadToolCall} whose message tells the model how to
 * call again.
 */
final class ToolArguments {

    static final class BadToolCall extends Exception {
        BadToolCall(String message) {
            super(message, null, false, false);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final JsonNode node;

    private ToolArguments(JsonNode node) {
        this.node = node;
    }

    static ToolArguments parse(String json) throws BadToolCall {
        if (json == null || json.isBlank()) {
            return new ToolArguments(JSON.createObjectNode());
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (!node.isObject()) {
                throw new BadToolCall("Arguments must be a JSON object.");
            }
            return new ToolArguments(node);
        } catch (JacksonException e) {
            throw new BadToolCall("Arguments are not valid JSON; send a JSON object such as {\"symbol\": \"BTC\"}.");
        }
    }

    String symbol(String name) throws BadToolCall {
        String s = node.path(name).asText("").strip().toUpperCase(Locale.ROOT);
        if (s.isEmpty() || !s.matches("[A-Z0-9]{1,15}")) {
            throw new BadToolCall("'" + name + "' is required: a coin symbol such as \"BTC\" (see list_coins).");
        }
        return s;
    }

    List<String> symbols(String name, int min, int max) throws BadToolCall {
        JsonNode array = node.path(name);
        if (!array.isArray() || array.size() < min || array.size() > max) {
            throw new BadToolCall("'" + name + "' must be an array of " + min + " to " + max
                    + " coin symbols, e.g. [\"BTC\", \"ETH\"].");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : array) {
            String s = item.asText("").strip().toUpperCase(Locale.ROOT);
            if (!s.matches("[A-Z0-9]{1,15}")) {
                throw new BadToolCall("'" + name + "' holds something that is not a coin symbol.");
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        if (out.size() < min) {
            throw new BadToolCall("'" + name + "' needs at least " + min + " different symbols.");
        }
        return out;
    }

    int integer(String name, int defaultValue, int min, int max) throws BadToolCall {
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return defaultValue;
        }
        int value;
        if (v.isIntegralNumber()) {
            value = v.asInt();
        } else if (v.isTextual() && v.asText().strip().matches("-?\\d{1,9}")) {
            value = Integer.parseInt(v.asText().strip());
        } else {
            throw new BadToolCall("'" + name + "' must be a whole number between " + min + " and " + max + ".");
        }
        if (value < min || value > max) {
            throw new BadToolCall("'" + name + "' must be between " + min + " and " + max + ", got " + value + ".");
        }
        return value;
    }

    List<String> choices(String name, List<String> allowed, List<String> defaultValue) throws BadToolCall {
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return defaultValue;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v.isArray() ? v : JSON.createArrayNode().add(v)) {
            String s = item.asText("").strip().toLowerCase(Locale.ROOT);
            if (!allowed.contains(s)) {
                throw new BadToolCall("'" + name + "' accepts only " + allowed + ".");
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out.isEmpty() ? defaultValue : out;
    }
}
