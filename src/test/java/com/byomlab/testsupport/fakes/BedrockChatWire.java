package com.byomlab.testsupport.fakes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Amazon Bedrock Runtime Converse wire format. Shapes from the Bedrock API reference, "Converse" and
 * "ConverseStream" (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html,
 * API_runtime_ConverseStream.html, API_runtime_TokenUsage.html) and the AWS event-stream encoding
 * (docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html, "Event Stream Encoding"):
 * <ul>
 * <li>Request ({@code POST /model/{modelId}/converse} or {@code /converse-stream}): {@code system[{text}]},
 * {@code messages[{role, content[]}]} with blocks {@code text}, {@code toolUse{toolUseId,name,input}} (assistant) and
 * {@code toolResult{toolUseId,content[{text}],status}} (user), {@code toolConfig{tools[{toolSpec{name,description,
 * inputSchema{json}}}],toolChoice}}, {@code inferenceConfig{maxTokens,temperature,topP,stopSequences}}.</li>
 * <li>JSON answer: {@code {"output":{"message":{"role":"assistant","content":[{"text"},{"toolUse":{"toolUseId",
 * "name","input"}}]}},"stopReason":"end_turn"|"tool_use"|"max_tokens"...,"usage":{"inputTokens","outputTokens",
 * "totalTokens","cacheReadInputTokens","cacheWriteInputTokens"},"metrics":{"latencyMs"}}}. {@code inputTokens} leaves
 * the cache reads and writes out; {@code totalTokens} adds them all.</li>
 * <li>Streamed answer: {@code application/vnd.amazon.eventstream}, binary messages with headers {@code :message-type}
 * (event), {@code :event-type}, {@code :content-type} (application/json) and a JSON payload: {@code messageStart
 * {role}}, for a tool call {@code contentBlockStart{contentBlockIndex,start{toolUse{toolUseId,name}}}},
 * {@code contentBlockDelta{contentBlockIndex,delta{text}|delta{toolUse{input:<JSON fragment>}}}},
 * {@code contentBlockStop{contentBlockIndex}}, {@code messageStop{stopReason}}, {@code metadata{usage,metrics}}. An
 * error inside the stream is a message of type {@code exception} with {@code :exception-type} (e.g.
 * serviceUnavailableException) and {@code {"message"}}.</li>
 * </ul>
 * The fake's {@code ChatReply.usage(input, output).cached(r).cacheWrite(w)} counts all input, so the wire says
 * {@code inputTokens = input - r - w}, {@code cacheReadInputTokens = r}, {@code cacheWriteInputTokens = w}.
 */
final class BedrockChatWire {

    private static final AtomicLong IDS = new AtomicLong();

    private BedrockChatWire() {
    }

    static ChatRequestSeen parse(RecordedRequest request, String model, boolean stream, String authKey) {
        JsonNode body = FakeJson.parse(request.body());
        List<ChatRequestSeen.Message> messages = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asString("");
            StringBuilder text = new StringBuilder();
            List<ChatRequestSeen.ToolCallSeen> calls = new ArrayList<>();
            for (JsonNode block : message.path("content")) {
                if (block.has("text")) {
                    text.append(block.path("text").asString(""));
                } else if (block.has("toolUse")) {
                    JsonNode use = block.path("toolUse");
                    calls.add(new ChatRequestSeen.ToolCallSeen(FakeJson.text(use.path("toolUseId")),
                            FakeJson.text(use.path("name")), use.path("input").toString()));
                } else if (block.has("toolResult")) {
                    JsonNode result = block.path("toolResult");
                    StringBuilder resultText = new StringBuilder();
                    result.path("content").forEach(part -> resultText.append(part.path("text").asString("")));
                    messages.add(new ChatRequestSeen.Message("tool", resultText.toString(), List.of(),
                            FakeJson.text(result.path("toolUseId")), null));
                }
            }
            if (!text.isEmpty() || !calls.isEmpty()) {
                messages.add(new ChatRequestSeen.Message(role, text.isEmpty() ? null : text.toString(), calls, null,
                        null));
            }
        }
        List<String> tools = new ArrayList<>();
        body.path("toolConfig").path("tools").forEach(t -> tools.add(FakeJson.text(t.path("toolSpec").path("name"))));
        StringBuilder system = new StringBuilder();
        body.path("system").forEach(block -> system.append(block.path("text").asString("")));
        return new ChatRequestSeen(model, authKey, stream, true, system.isEmpty() ? null : system.toString(), tools,
                messages, request);
    }

    static String json(ChatReply reply) {
        ObjectNode answer = FakeJson.object();
        ObjectNode message = answer.putObject("output").putObject("message").put("role", "assistant");
        ArrayNode content = message.putArray("content");
        if (reply.text() != null) {
            content.addObject().put("text", reply.text());
        }
        for (ChatReply.ToolCall call : reply.toolCalls()) {
            ObjectNode use = content.addObject().putObject("toolUse").put("toolUseId", newToolUseId())
                    .put("name", call.name());
            use.set("input", FakeJson.parse(call.argumentsJson()));
        }
        answer.put("stopReason", stopReason(reply));
        if (reply.hasUsage()) {
            answer.set("usage", usage(reply));
        }
        answer.putObject("metrics").put("latencyMs", 42);
        return answer.toString();
    }

    /** The streamed answer's events in order, each an encoded event-stream message. */
    static List<byte[]> events(ChatReply reply) {
        List<byte[]> events = new ArrayList<>();
        events.add(event("messageStart", FakeJson.object().put("role", "assistant")));
        int index = 0;
        if (reply.text() != null) {
            for (String delta : reply.textDeltas()) {
                ObjectNode event = FakeJson.object().put("contentBlockIndex", index);
                event.putObject("delta").put("text", delta);
                events.add(event("contentBlockDelta", event));
            }
            events.add(event("contentBlockStop", FakeJson.object().put("contentBlockIndex", index)));
            index++;
        }
        for (ChatReply.ToolCall call : reply.toolCalls()) {
            ObjectNode start = FakeJson.object().put("contentBlockIndex", index);
            start.putObject("start").putObject("toolUse").put("toolUseId", newToolUseId()).put("name", call.name());
            events.add(event("contentBlockStart", start));
            for (String fragment : ChatReply.fragments(call.argumentsJson())) {
                ObjectNode delta = FakeJson.object().put("contentBlockIndex", index);
                delta.putObject("delta").putObject("toolUse").put("input", fragment);
                events.add(event("contentBlockDelta", delta));
            }
            events.add(event("contentBlockStop", FakeJson.object().put("contentBlockIndex", index)));
            index++;
        }
        events.add(event("messageStop", FakeJson.object().put("stopReason", stopReason(reply))));
        ObjectNode metadata = FakeJson.object();
        if (reply.hasUsage()) {
            metadata.set("usage", usage(reply));
        }
        metadata.putObject("metrics").put("latencyMs", 42);
        events.add(event("metadata", metadata));
        return events;
    }

    /** An error inside an open stream, e.g. {@code serviceUnavailableException}. */
    static byte[] exception(String type, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("exception"));
        headers.put(":exception-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        return encode(headers, FakeJson.object().put("message", message).toString());
    }

    private static byte[] event(String type, ObjectNode payload) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return encode(headers, payload.toString());
    }

    private static byte[] encode(Map<String, HeaderValue> headers, String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Message(headers, payload.getBytes(StandardCharsets.UTF_8)).encode(out);
        return out.toByteArray();
    }

    private static ObjectNode usage(ChatReply reply) {
        int reads = reply.cachedTokens() == null ? 0 : reply.cachedTokens();
        int writes = reply.cacheWriteTokens() == null ? 0 : reply.cacheWriteTokens();
        int input = reply.inputTokens() - reads - writes;
        ObjectNode usage = FakeJson.object().put("inputTokens", input).put("outputTokens", reply.outputTokens())
                .put("totalTokens", reply.inputTokens() + reply.outputTokens());
        if (reply.cachedTokens() != null || reply.cacheWriteTokens() != null) {
            usage.put("cacheReadInputTokens", reads).put("cacheWriteInputTokens", writes);
        }
        if (reply.cacheWrite1hTokens() != null) {
            // cacheDetails: the writes by TTL, 1h before 5m (API reference, runtime TokenUsage and CacheDetail)
            var details = usage.putArray("cacheDetails");
            details.addObject().put("ttl", "1h").put("inputTokens", reply.cacheWrite1hTokens());
            details.addObject().put("ttl", "5m").put("inputTokens", writes - reply.cacheWrite1hTokens());
        }
        return usage;
    }

    private static String stopReason(ChatReply reply) {
        return reply.toolCalls().isEmpty() ? "end_turn" : "tool_use";
    }

    private static String newToolUseId() {
        return "tooluse_fake" + IDS.incrementAndGet();
    }
}
