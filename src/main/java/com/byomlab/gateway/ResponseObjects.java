package com.byomlab.gateway;

import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.TokenCounts;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.UUID;

/**
 * Writes answers in the Responses API's shapes (openai-node {@code resources/responses/responses.ts}): the
 * {@code response} object and its output items, a {@code message} with one {@code output_text} part and a
 * {@code function_call} per tool call. One instance per response: the same id, created_at and model on every event
 * of a stream.
 *
 * <p>Usage is {@link TokenCounts} as it is, in the Responses names: {@code input_tokens} (cache reads and writes
 * included), {@code output_tokens} (reasoning included), {@code total_tokens}, {@code input_tokens_details}
 * {@code cached_tokens} and {@code cache_write_tokens}, {@code output_tokens_details.reasoning_tokens}.
 * Status: {@code completed}; {@code incomplete} when the answer was cut by {@code max_output_tokens} or a content
 * filter. {@code store} is always false: nothing is kept.
 */
final class ResponseObjects {

    private final String id = "resp_" + hex();
    private final long createdAt = System.currentTimeMillis() / 1000;
    private final String model;
    private final ResponseRequest request;

    ResponseObjects(String model, ResponseRequest request) {
        this.model = model;
        this.request = request;
    }

    String model() {
        return model;
    }

    static String newItemId(String prefix) {
        return prefix + "_" + hex();
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The response object of a non-streamed request, or of {@code response.completed}. */
    ObjectNode completed(ChatTurn turn, ArrayNode output) {
        String incomplete = incompleteReason(turn.finishReason());
        ObjectNode response = envelope(incomplete == null ? "completed" : "incomplete", output);
        if (incomplete == null) {
            response.put("completed_at", System.currentTimeMillis() / 1000);
        } else {
            response.putObject("incomplete_details").put("reason", incomplete);
        }
        ObjectNode usage = usage(turn.usage());
        if (usage != null) {
            response.set("usage", usage);
        }
        return response;
    }

    /** The response object of {@code response.created} / {@code response.in_progress}: no output yet. */
    ObjectNode inProgress() {
        return envelope("in_progress", GatewayJson.MAPPER.createArrayNode());
    }

    /** The response object of {@code response.failed}. */
    ObjectNode failed(GatewayError error, ArrayNode output) {
        ObjectNode response = envelope("failed", output);
        ObjectNode e = response.putObject("error");
        e.put("code", error.code() == null ? "server_error" : error.code());
        e.put("message", error.getMessage());
        return response;
    }

    /** The whole output of a finished turn: the text as a message (when there is any), then each tool call. */
    ArrayNode output(ChatTurn turn) {
        ArrayNode output = GatewayJson.MAPPER.createArrayNode();
        String text = turn.message().text();
        if (text != null && !text.isEmpty()) {
            output.add(message(newItemId("msg"), text, "completed"));
        }
        for (ToolExecutionRequest call : toolCalls(turn)) {
            output.add(functionCall(newItemId("fc"), call.id(), call.name(),
                    CompletionResponses.compact(call.arguments()), "completed"));
        }
        return output;
    }

    static List<ToolExecutionRequest> toolCalls(ChatTurn turn) {
        return turn.message().hasToolExecutionRequests() ? turn.message().toolExecutionRequests() : List.of();
    }

    static ObjectNode message(String itemId, String text, String status) {
        ObjectNode item = GatewayJson.object().put("id", itemId).put("type", "message").put("status", status)
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = GatewayJson.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    /** A function_call item; a function of a namespace tool is named as the client offered it, with its namespace. */
    ObjectNode functionCall(String itemId, String callId, String flatName, String arguments, String status) {
        ObjectNode item = GatewayJson.object().put("id", itemId).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", callId).put("name", request.nameOf(flatName));
        String namespace = request.namespaceOf(flatName);
        if (namespace != null) {
            item.put("namespace", namespace);
        }
        return item;
    }

    private ObjectNode envelope(String status, ArrayNode output) {
        ObjectNode r = GatewayJson.object().put("id", id).put("object", "response").put("created_at", createdAt)
                .put("status", status).put("background", false);
        r.putNull("error");
        r.putNull("incomplete_details");
        if (request.instructions() == null) {
            r.putNull("instructions");
        } else {
            r.put("instructions", request.instructions());
        }
        JsonNode echo = request.echo();
        echoOr(r, echo, "max_output_tokens");
        r.put("model", model);
        r.set("output", output);
        r.put("parallel_tool_calls", echo.path("parallel_tool_calls").asBoolean(true));
        r.putNull("previous_response_id");
        ObjectNode reasoning = r.putObject("reasoning");
        reasoning.putNull("effort");
        reasoning.putNull("summary");
        r.put("store", false); // the translated surface keeps nothing, whatever the request asked
        echoOr(r, echo, "temperature");
        r.putObject("text").putObject("format").put("type", "text");
        if (echo.has("tool_choice")) {
            r.set("tool_choice", echo.get("tool_choice"));
        } else {
            r.put("tool_choice", "auto");
        }
        if (echo.path("tools").isArray()) {
            r.set("tools", echo.get("tools"));
        } else {
            r.putArray("tools");
        }
        echoOr(r, echo, "top_p");
        r.put("truncation", "disabled");
        r.putNull("usage");
        echoOr(r, echo, "user");
        if (echo.path("metadata").isObject()) {
            r.set("metadata", echo.get("metadata"));
        } else {
            r.putObject("metadata");
        }
        return r;
    }

    private static void echoOr(ObjectNode target, JsonNode echo, String field) {
        JsonNode value = echo.path(field);
        if (value.isMissingNode()) {
            target.putNull(field);
        } else {
            target.set(field, value);
        }
    }

    static ObjectNode usage(TokenCounts t) {
        if (t == null || !t.reported()) {
            return null;
        }
        int input = orZero(t.input());
        int output = orZero(t.output());
        ObjectNode usage = GatewayJson.object().put("input_tokens", input);
        usage.putObject("input_tokens_details").put("cached_tokens", orZero(t.cachedInput()))
                .put("cache_write_tokens", orZero(t.cacheWrite()));
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details").put("reasoning_tokens", orZero(t.reasoning()));
        usage.put("total_tokens", input + output);
        return usage;
    }

    /** Null for a finished answer; else the Responses API's incomplete reason. */
    static String incompleteReason(String neutral) {
        if ("length".equals(neutral)) {
            return "max_output_tokens";
        }
        if ("content_filter".equals(neutral)) {
            return "content_filter";
        }
        return null;
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
