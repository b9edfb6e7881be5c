package com.byomlab.testsupport.fakes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic Messages wire format. Shapes from the API reference "Messages" and "Streaming Messages"
 * (https://docs.anthropic.com/en/api/messages, https://docs.anthropic.com/en/api/messages-streaming, tool use in
 * https://docs.anthropic.com/en/docs/build-with-claude/tool-use):
 * <ul>
 * <li>Request: top-level {@code system} (string or text blocks), {@code messages[{role, content}]} where content is
 * a string or blocks {@code text}, {@code tool_use{id,name,input}} (assistant) and
 * {@code tool_result{tool_use_id,content}} (in user turns); {@code tools[{name,description,input_schema}]}.</li>
 * <li>JSON: {@code {"id","type":"message","role":"assistant","model","content":[{"type":"text","text"},
 * {"type":"tool_use","id","name","input"}],"stop_reason":"end_turn"|"tool_use","stop_sequence":null,
 * "usage":{"input_tokens","output_tokens","cache_creation_input_tokens","cache_read_input_tokens"}}}</li>
 * <li>SSE with named events: {@code message_start} (message with empty content and usage incl. input_tokens and
 * cache_read_input_tokens), {@code ping}, per block {@code content_block_start} / {@code content_block_delta}
 * ({@code text_delta} or {@code input_json_delta} with {@code partial_json}) / {@code content_block_stop},
 * {@code message_delta} (stop_reason, usage.output_tokens), {@code message_stop}.</li>
 * </ul>
 */
final class AnthropicChatWire {

    private static final AtomicLong IDS = new AtomicLong();

    private AnthropicChatWire() {
    }

    static ChatRequestSeen parse(RecordedRequest request, String key) {
        JsonNode body = FakeJson.parse(request.body());
        List<ChatRequestSeen.Message> messages = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asString("");
            JsonNode content = message.path("content");
            if (content.isString()) {
                messages.add(new ChatRequestSeen.Message(role, content.stringValue(), List.of(), null, null));
                continue;
            }
            StringBuilder text = new StringBuilder();
            List<ChatRequestSeen.ToolCallSeen> calls = new ArrayList<>();
            for (JsonNode block : content) {
                switch (block.path("type").asString("")) {
                    case "text" -> text.append(block.path("text").asString(""));
                    case "tool_use" -> calls.add(new ChatRequestSeen.ToolCallSeen(FakeJson.text(block.path("id")),
                            FakeJson.text(block.path("name")), block.path("input").toString()));
                    case "tool_result" -> messages.add(new ChatRequestSeen.Message("tool",
                            blockText(block.path("content")), List.of(), FakeJson.text(block.path("tool_use_id")), null));
                    default -> { }
                }
            }
            if (!text.isEmpty() || !calls.isEmpty()) {
                messages.add(new ChatRequestSeen.Message(role, text.isEmpty() ? null : text.toString(), calls, null, null));
            }
        }
        List<String> tools = new ArrayList<>();
        body.path("tools").forEach(tool -> tools.add(FakeJson.text(tool.path("name"))));
        JsonNode system = body.path("system");
        return new ChatRequestSeen(FakeJson.text(body.path("model")), key, body.path("stream").asBoolean(false), true,
                system.isMissingNode() || system.isNull() ? null : blockText(system), tools, messages, request);
    }

    private static String blockText(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        StringBuilder text = new StringBuilder();
        content.forEach(block -> text.append(block.path("text").asString("")));
        return text.toString();
    }

    static String json(ChatReply reply, String model) {
        return json(reply, model, null);
    }

    /** As {@link #json(ChatReply, String)}, with the prompt cache's usage in place of the scripted input counts. */
    static String json(ChatReply reply, String model, AnthropicPromptCache.Usage cache) {
        ObjectNode message = message(model);
        ArrayNode content = message.putArray("content");
        if (reply.text() != null) {
            content.addObject().put("type", "text").put("text", reply.text());
        }
        for (ChatReply.ToolCall call : reply.toolCalls()) {
            content.addObject().put("type", "tool_use").put("id", newToolUseId()).put("name", call.name())
                    .set("input", FakeJson.parse(call.argumentsJson()));
        }
        message.put("stop_reason", stopReason(reply)).putNull("stop_sequence");
        if (reply.hasUsage()) {
            message.set("usage", usage(reply, reply.outputTokens(), cache));
        }
        return message.toString();
    }

    static void stream(ChatReply reply, FakeProviderServer.SseStream sse, String model) throws IOException {
        stream(reply, sse, model, null);
    }

    /**
     * As {@link #stream(ChatReply, FakeProviderServer.SseStream, String)}, with the prompt cache's usage: in
     * {@code message_start} as Anthropic sends it, and repeated (cumulative) in {@code message_delta}, as the API
     * does since 2025.
     */
    static void stream(ChatReply reply, FakeProviderServer.SseStream sse, String model,
            AnthropicPromptCache.Usage cache) throws IOException {
        ObjectNode start = message(model);
        start.putArray("content");
        start.putNull("stop_reason").putNull("stop_sequence");
        if (reply.hasUsage()) {
            start.set("usage", usage(reply, 1, cache)); // output_tokens grows; the final count comes in message_delta
        }
        ObjectNode messageStart = FakeJson.object().put("type", "message_start");
        messageStart.set("message", start);
        sse.event("message_start", messageStart.toString());
        sse.event("ping", "{\"type\": \"ping\"}");
        int index = 0;
        if (reply.text() != null) {
            ObjectNode block = FakeJson.object().put("type", "text").put("text", "");
            sse.event("content_block_start", blockStart(index, block));
            for (String delta : reply.textDeltas()) {
                ObjectNode d = FakeJson.object().put("type", "text_delta").put("text", delta);
                sse.event("content_block_delta", blockDelta(index, d));
            }
            sse.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
            index++;
        }
        for (ChatReply.ToolCall call : reply.toolCalls()) {
            ObjectNode block = FakeJson.object().put("type", "tool_use").put("id", newToolUseId())
                    .put("name", call.name());
            block.putObject("input");
            sse.event("content_block_start", blockStart(index, block));
            for (String fragment : ChatReply.fragments(call.argumentsJson())) {
                ObjectNode d = FakeJson.object().put("type", "input_json_delta").put("partial_json", fragment);
                sse.event("content_block_delta", blockDelta(index, d));
            }
            sse.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
            index++;
        }
        ObjectNode messageDelta = FakeJson.object().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", stopReason(reply)).putNull("stop_sequence");
        if (reply.hasUsage()) {
            if (cache == null) {
                messageDelta.putObject("usage").put("output_tokens", reply.outputTokens());
            } else {
                messageDelta.set("usage", usage(reply, reply.outputTokens(), cache));
            }
        }
        sse.event("message_delta", messageDelta.toString());
        sse.event("message_stop", "{\"type\":\"message_stop\"}");
    }

    /** A mid-stream error event, e.g. overloaded_error, which would be a 529 outside a stream. */
    static void streamError(FakeProviderServer.SseStream sse, String model, String type, String message)
            throws IOException {
        ObjectNode start = message(model);
        start.putArray("content");
        ObjectNode messageStart = FakeJson.object().put("type", "message_start");
        messageStart.set("message", start);
        sse.event("message_start", messageStart.toString());
        ObjectNode error = FakeJson.object().put("type", "error");
        error.putObject("error").put("type", type).put("message", message);
        sse.event("error", error.toString());
    }

    private static String blockStart(int index, ObjectNode block) {
        ObjectNode event = FakeJson.object().put("type", "content_block_start").put("index", index);
        event.set("content_block", block);
        return event.toString();
    }

    private static String blockDelta(int index, ObjectNode delta) {
        ObjectNode event = FakeJson.object().put("type", "content_block_delta").put("index", index);
        event.set("delta", delta);
        return event.toString();
    }

    private static ObjectNode message(String model) {
        return FakeJson.object().put("id", "msg_fake" + IDS.incrementAndGet()).put("type", "message")
                .put("role", "assistant").put("model", model);
    }

    private static ObjectNode usage(ChatReply reply, int outputTokens, AnthropicPromptCache.Usage cache) {
        if (cache != null) {
            // cache_creation splits the writes by TTL (https://docs.anthropic.com/en/api/messages, usage object)
            ObjectNode usage = FakeJson.object().put("input_tokens", cache.inputTokens())
                    .put("cache_creation_input_tokens", cache.cacheWrite())
                    .put("cache_read_input_tokens", cache.cacheRead());
            usage.putObject("cache_creation").put("ephemeral_5m_input_tokens", cache.cacheWrite5m())
                    .put("ephemeral_1h_input_tokens", cache.cacheWrite1h());
            return usage.put("output_tokens", outputTokens);
        }
        // Anthropic's three input counts are disjoint: input_tokens is what was neither read from nor written to a cache
        int reads = reply.cachedTokens() == null ? 0 : reply.cachedTokens();
        int writes = reply.cacheWriteTokens() == null ? 0 : reply.cacheWriteTokens();
        ObjectNode usage = FakeJson.object().put("input_tokens", reply.inputTokens() - reads - writes)
                .put("cache_creation_input_tokens", writes)
                .put("cache_read_input_tokens", reads);
        if (reply.cacheWrite1hTokens() != null) {
            usage.putObject("cache_creation").put("ephemeral_5m_input_tokens", writes - reply.cacheWrite1hTokens())
                    .put("ephemeral_1h_input_tokens", reply.cacheWrite1hTokens());
        }
        return usage.put("output_tokens", outputTokens);
    }

    private static String stopReason(ChatReply reply) {
        return reply.toolCalls().isEmpty() ? "end_turn" : "tool_use";
    }

    private static String newToolUseId() {
        return "toolu_fake" + IDS.incrementAndGet();
    }
}
