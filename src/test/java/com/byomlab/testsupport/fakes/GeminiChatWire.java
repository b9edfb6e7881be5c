package com.byomlab.testsupport.fakes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gemini API wire format (Google AI, v1beta). Shapes from the API reference "Generating content"
 * (https://ai.google.dev/api/generate-content: {@code models.generateContent}, {@code models.streamGenerateContent},
 * GenerateContentResponse, UsageMetadata) and function calling (https://ai.google.dev/gemini-api/docs/function-calling):
 * <ul>
 * <li>Request: {@code contents[{role:"user"|"model", parts:[{text}|{functionCall{name,args}}|{functionResponse{name,
 * response}}]}]}, {@code systemInstruction{parts[{text}]}}, {@code tools[{functionDeclarations[{name,description,
 * parameters}]}]}.</li>
 * <li>JSON: {@code {"candidates":[{"content":{"parts":[{"text"}|{"functionCall":{"name","args"}}],"role":"model"},
 * "finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount","candidatesTokenCount","totalTokenCount",
 * "cachedContentTokenCount","thoughtsTokenCount"},"modelVersion","responseId"}} — a functionCall has no id.</li>
 * <li>SSE ({@code :streamGenerateContent?alt=sse}): each event is {@code data: <GenerateContentResponse>} with CRLF
 * line ends; text arrives piecewise, a functionCall whole; the last chunk carries finishReason and the usage (the
 * real API repeats usageMetadata on every chunk, the final one holding the totals).</li>
 * </ul>
 */
final class GeminiChatWire {

    private static final AtomicLong IDS = new AtomicLong();

    private GeminiChatWire() {
    }

    static ChatRequestSeen parse(RecordedRequest request, String model, boolean stream, String key) {
        JsonNode body = FakeJson.parse(request.body());
        List<ChatRequestSeen.Message> messages = new ArrayList<>();
        for (JsonNode content : body.path("contents")) {
            String role = "model".equals(content.path("role").asString("")) ? "assistant" : "user";
            StringBuilder text = new StringBuilder();
            List<ChatRequestSeen.ToolCallSeen> calls = new ArrayList<>();
            for (JsonNode part : content.path("parts")) {
                if (part.has("text")) {
                    text.append(part.path("text").asString(""));
                } else if (part.has("functionCall")) {
                    JsonNode call = part.path("functionCall");
                    calls.add(new ChatRequestSeen.ToolCallSeen(FakeJson.text(call.path("id")),
                            FakeJson.text(call.path("name")), call.path("args").toString()));
                } else if (part.has("functionResponse")) {
                    JsonNode response = part.path("functionResponse");
                    messages.add(new ChatRequestSeen.Message("tool", response.path("response").toString(), List.of(),
                            FakeJson.text(response.path("id")), FakeJson.text(response.path("name"))));
                }
            }
            if (!text.isEmpty() || !calls.isEmpty()) {
                messages.add(new ChatRequestSeen.Message(role, text.isEmpty() ? null : text.toString(), calls, null,
                        null));
            }
        }
        List<String> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            tool.path("functionDeclarations").forEach(f -> tools.add(FakeJson.text(f.path("name"))));
        }
        StringBuilder system = new StringBuilder();
        body.path("systemInstruction").path("parts").forEach(p -> system.append(p.path("text").asString("")));
        return new ChatRequestSeen(model, key, stream, true, system.isEmpty() ? null : system.toString(), tools,
                messages, request);
    }

    static String json(ChatReply reply, String model) {
        ArrayNode parts = FakeJson.array();
        if (reply.text() != null) {
            parts.addObject().put("text", reply.text());
        }
        addFunctionCalls(parts, reply);
        return response(parts, model, true, reply).toString();
    }

    static void stream(ChatReply reply, FakeProviderServer.SseStream sse, String model) throws IOException {
        List<String> deltas = reply.textDeltas();
        for (String delta : deltas) {
            ArrayNode parts = FakeJson.array();
            parts.addObject().put("text", delta);
            boolean last = reply.toolCalls().isEmpty() && delta == deltas.get(deltas.size() - 1);
            sse.data(response(parts, model, last, reply).toString());
        }
        if (reply.toolCalls().isEmpty() && deltas.isEmpty()) {
            sse.data(response(FakeJson.array(), model, true, reply).toString());
        }
        // Gemini's API streams a functionCall whole (partialArgs is Vertex AI only), each in the chunk it comes in
        List<ChatReply.ToolCall> calls = reply.toolCalls();
        for (int i = 0; i < calls.size(); i++) {
            ArrayNode parts = FakeJson.array();
            parts.addObject().putObject("functionCall").put("name", calls.get(i).name())
                    .set("args", FakeJson.parse(calls.get(i).argumentsJson()));
            sse.data(response(parts, model, i == calls.size() - 1, reply).toString());
        }
    }

    private static void addFunctionCalls(ArrayNode parts, ChatReply reply) {
        for (ChatReply.ToolCall call : reply.toolCalls()) {
            parts.addObject().putObject("functionCall").put("name", call.name())
                    .set("args", FakeJson.parse(call.argumentsJson()));
        }
    }

    private static ObjectNode response(ArrayNode parts, String model, boolean last, ChatReply reply) {
        ObjectNode root = FakeJson.object();
        ObjectNode candidate = root.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.set("parts", parts);
        content.put("role", "model");
        if (last) {
            candidate.put("finishReason", "STOP");
        }
        candidate.put("index", 0);
        if (last && reply.hasUsage()) {
            // thinking is outside candidatesTokenCount; totalTokenCount adds them up
            int thoughts = reply.reasoningTokens() == null ? 0 : reply.reasoningTokens();
            ObjectNode usage = root.putObject("usageMetadata").put("promptTokenCount", reply.inputTokens())
                    .put("candidatesTokenCount", reply.outputTokens() - thoughts)
                    .put("totalTokenCount", reply.inputTokens() + reply.outputTokens());
            if (reply.cachedTokens() != null) {
                usage.put("cachedContentTokenCount", reply.cachedTokens());
            }
            if (reply.reasoningTokens() != null) {
                usage.put("thoughtsTokenCount", reply.reasoningTokens());
            }
        }
        root.put("modelVersion", model).put("responseId", "fake-response-" + IDS.incrementAndGet());
        return root;
    }
}
