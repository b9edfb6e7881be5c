package com.byomlab.gateway;

import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.TokenCounts;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Writes a translated answer in Anthropic's Messages shapes (https://docs.anthropic.com/en/api/messages,
 * …/messages-streaming): the whole {@code message} object, or the events of one stream (one instance per answer:
 * the same id and model on every event).
 *
 * <p>Usage is {@link TokenCounts} in Anthropic's terms: {@code input_tokens} is the input read from no cache and
 * written to none (input - cache reads - cache writes), beside {@code cache_read_input_tokens} and
 * {@code cache_creation_input_tokens}; {@code output_tokens} includes reasoning. An answer that reported no usage
 * shows zeros (the format requires numbers). Stop reasons: stop → end_turn, tool_calls → tool_use, length →
 * max_tokens, content_filter → refusal.
 */
final class MessagesResponses {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final String id = "msg_byom" + random(20);
    private final String model;

    MessagesResponses(String model) {
        this.model = model;
    }

    /** The whole answer of a non-streamed request. */
    String message(ChatTurn turn) {
        ObjectNode root = envelope();
        ArrayNode content = root.putArray("content");
        AiMessage ai = turn.message();
        if (ai.text() != null && !ai.text().isEmpty()) {
            content.addObject().put("type", "text").put("text", ai.text());
        }
        if (ai.hasToolExecutionRequests()) {
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                        .set("input", input(call.arguments()));
            }
        }
        root.put("stop_reason", stopReason(turn.finishReason())).putNull("stop_sequence");
        root.set("usage", usage(turn.usage()));
        return GatewayJson.write(root);
    }

    // ---- the events of a stream, each the bytes of one SSE event

    /** {@code message_start}: the message with empty content; usage is known only at the end (message_delta). */
    byte[] messageStart() {
        ObjectNode message = envelope();
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        message.set("usage", usage(null));
        ObjectNode event = GatewayJson.object().put("type", "message_start");
        event.set("message", message);
        return event("message_start", event);
    }

    byte[] ping() {
        return event("ping", GatewayJson.object().put("type", "ping"));
    }

    byte[] textStart(int index) {
        ObjectNode block = GatewayJson.object().put("type", "text").put("text", "");
        return blockStart(index, block);
    }

    byte[] textDelta(int index, String text) {
        return blockDelta(index, GatewayJson.object().put("type", "text_delta").put("text", text));
    }

    byte[] toolUseStart(int index, String toolId, String name) {
        ObjectNode block = GatewayJson.object().put("type", "tool_use").put("id", toolId).put("name", name);
        block.putObject("input");
        return blockStart(index, block);
    }

    /** A piece of a tool's arguments as JSON text; the pieces of one block concatenate to its input object. */
    byte[] inputJsonDelta(int index, String partialJson) {
        return blockDelta(index, GatewayJson.object().put("type", "input_json_delta").put("partial_json", partialJson));
    }

    byte[] blockStop(int index) {
        return event("content_block_stop", GatewayJson.object().put("type", "content_block_stop").put("index", index));
    }

    /** {@code message_delta}: the stop reason and the final usage, all four counts (the SDKs take each from here). */
    byte[] messageDelta(String neutralReason, TokenCounts usage) {
        ObjectNode event = GatewayJson.object().put("type", "message_delta");
        event.putObject("delta").put("stop_reason", stopReason(neutralReason)).putNull("stop_sequence");
        event.set("usage", usage(usage));
        return event("message_delta", event);
    }

    byte[] messageStop() {
        return event("message_stop", GatewayJson.object().put("type", "message_stop"));
    }

    private byte[] blockStart(int index, ObjectNode block) {
        ObjectNode event = GatewayJson.object().put("type", "content_block_start").put("index", index);
        event.set("content_block", block);
        return event("content_block_start", event);
    }

    private byte[] blockDelta(int index, ObjectNode delta) {
        ObjectNode event = GatewayJson.object().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        return event("content_block_delta", event);
    }

    private static byte[] event(String name, ObjectNode data) {
        return ("event: " + name + "\ndata: " + GatewayJson.write(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    private ObjectNode envelope() {
        return GatewayJson.object().put("id", id).put("type", "message").put("role", "assistant").put("model", model);
    }

    static ObjectNode usage(TokenCounts t) {
        boolean known = t != null && t.reported();
        int reads = known ? orZero(t.cachedInput()) : 0;
        int writes = known ? orZero(t.cacheWrite()) : 0;
        int input = known ? Math.max(0, orZero(t.input()) - reads - writes) : 0;
        return GatewayJson.object().put("input_tokens", input).put("cache_creation_input_tokens", writes)
                .put("cache_read_input_tokens", reads).put("output_tokens", known ? orZero(t.output()) : 0);
    }

    static String stopReason(String neutral) {
        if (neutral == null) {
            return "end_turn";
        }
        return switch (neutral) {
            case "tool_calls" -> "tool_use";
            case "length" -> "max_tokens";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /** A tool call's arguments as the input object; arguments that are not a JSON object read as {}. */
    static JsonNode input(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return GatewayJson.object();
        }
        try {
            JsonNode node = GatewayJson.MAPPER.readTree(arguments);
            return node != null && node.isObject() ? node : GatewayJson.object();
        } catch (JacksonException e) {
            return GatewayJson.object();
        }
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    private static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return s.toString();
    }
}
