package com.byomlab.testsupport.fakes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI's Responses API wire format ({@code POST /v1/responses}), served by the fake OpenAI. Shapes from the API
 * reference ("Create a model response", "The response object", "Streaming events":
 * https://platform.openai.com/docs/api-reference/responses) and the openai-node SDK types
 * ({@code src/resources/responses/responses.ts}):
 * <ul>
 * <li>Request: {@code instructions}, {@code input} (a string, or items: {@code message} with role and content a
 * string or {@code input_text}/{@code output_text} parts; {@code function_call} with {@code call_id}, {@code name},
 * {@code arguments}; {@code function_call_output} with {@code call_id} and {@code output}), flat function
 * {@code tools} ({@code {"type":"function","name",...}}), {@code stream}.</li>
 * <li>JSON: {@code {"id":"resp_…","object":"response","created_at","status":"completed","model","output":[
 * {"type":"message","id":"msg_…","status","role":"assistant","content":[{"type":"output_text","text",
 * "annotations":[]}]}, {"type":"function_call","id":"fc_…","call_id":"call_…","name","arguments","status"}],
 * "usage":{"input_tokens","input_tokens_details":{"cached_tokens"},"output_tokens","output_tokens_details":
 * {"reasoning_tokens"},"total_tokens"}}}</li>
 * <li>SSE: named events ({@code event: <type>}, {@code data} carrying the same {@code type} and a
 * {@code sequence_number}): response.created, response.in_progress, response.output_item.added,
 * response.content_part.added, response.output_text.delta (word by word), response.output_text.done,
 * response.content_part.done, response.output_item.done; for a call response.output_item.added,
 * response.function_call_arguments.delta (the arguments in several pieces), response.function_call_arguments.done,
 * response.output_item.done; then response.completed with the whole response and its usage. No [DONE].</li>
 * </ul>
 */
final class OpenAiResponsesWire {

    private static final AtomicLong IDS = new AtomicLong();

    private OpenAiResponsesWire() {
    }

    static ChatRequestSeen parse(RecordedRequest request, String authKey) {
        JsonNode body = FakeJson.parse(request.body());
        StringBuilder system = new StringBuilder();
        if (body.path("instructions").isString()) {
            system.append(body.path("instructions").stringValue());
        }
        List<ChatRequestSeen.Message> messages = new ArrayList<>();
        JsonNode input = body.path("input");
        if (input.isString()) {
            messages.add(new ChatRequestSeen.Message("user", input.stringValue(), List.of(), null, null));
        }
        for (JsonNode item : input.isArray() ? input : FakeJson.array()) {
            String type = item.path("type").asString("message");
            switch (type) {
                case "message" -> {
                    String role = item.path("role").asString("");
                    String text = content(item.path("content"));
                    if (role.equals("system") || role.equals("developer")) {
                        system.append(system.isEmpty() ? "" : "\n").append(text);
                    } else {
                        messages.add(new ChatRequestSeen.Message(role, text, List.of(), null, null));
                    }
                }
                case "function_call" -> messages.add(new ChatRequestSeen.Message("assistant", null,
                        List.of(new ChatRequestSeen.ToolCallSeen(FakeJson.text(item.path("call_id")),
                                FakeJson.text(item.path("name")), FakeJson.text(item.path("arguments")))),
                        null, null));
                case "function_call_output" -> messages.add(new ChatRequestSeen.Message("tool",
                        content(item.path("output")), List.of(), FakeJson.text(item.path("call_id")), null));
                default -> { // reasoning and other items: not part of the neutral view
                }
            }
        }
        List<String> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            tools.add(FakeJson.text(tool.path("name")));
        }
        return new ChatRequestSeen(FakeJson.text(body.path("model")), authKey, body.path("stream").asBoolean(false),
                true, system.isEmpty() ? null : system.toString(), tools, messages, request);
    }

    private static String content(JsonNode content) {
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            content.forEach(part -> text.append(part.path("text").asString("")));
            return text.toString();
        }
        return content.isNull() || content.isMissingNode() ? null : content.asString();
    }

    static String json(ChatReply reply, String model) {
        ObjectNode response = response(newId("resp"), model, "completed");
        ArrayNode output = response.putArray("output");
        if (reply.text() != null) {
            output.add(message(newId("msg"), reply.text(), "completed"));
        }
        for (ChatReply.ToolCall call : reply.toolCalls()) {
            output.add(functionCall(newId("fc"), newId("call"), call, call.argumentsJson(), "completed"));
        }
        if (reply.hasUsage()) {
            response.set("usage", usage(reply));
        }
        return response.toString();
    }

    static void stream(ChatReply reply, FakeProviderServer.SseStream sse, String model) throws IOException {
        int[] sequence = {0};
        String id = newId("resp");
        ObjectNode created = response(id, model, "in_progress");
        created.putArray("output");
        event(sse, sequence, "response.created", FakeJson.object().set("response", created));
        event(sse, sequence, "response.in_progress", FakeJson.object().set("response", created));
        ArrayNode output = FakeJson.array();
        if (reply.text() != null) {
            String itemId = newId("msg");
            int index = output.size();
            event(sse, sequence, "response.output_item.added", FakeJson.object().put("output_index", index)
                    .set("item", message(itemId, null, "in_progress")));
            event(sse, sequence, "response.content_part.added", FakeJson.object().put("item_id", itemId)
                    .put("output_index", index).put("content_index", 0).set("part", outputText("")));
            for (String delta : reply.textDeltas()) {
                event(sse, sequence, "response.output_text.delta", FakeJson.object().put("item_id", itemId)
                        .put("output_index", index).put("content_index", 0).put("delta", delta)
                        .set("logprobs", FakeJson.array()));
            }
            event(sse, sequence, "response.output_text.done", FakeJson.object().put("item_id", itemId)
                    .put("output_index", index).put("content_index", 0).put("text", reply.text())
                    .set("logprobs", FakeJson.array()));
            event(sse, sequence, "response.content_part.done", FakeJson.object().put("item_id", itemId)
                    .put("output_index", index).put("content_index", 0).set("part", outputText(reply.text())));
            ObjectNode done = message(itemId, reply.text(), "completed");
            event(sse, sequence, "response.output_item.done", FakeJson.object().put("output_index", index)
                    .set("item", done));
            output.add(done);
        }
        for (ChatReply.ToolCall call : reply.toolCalls()) {
            String itemId = newId("fc");
            String callId = newId("call");
            int index = output.size();
            event(sse, sequence, "response.output_item.added", FakeJson.object().put("output_index", index)
                    .set("item", functionCall(itemId, callId, call, "", "in_progress")));
            for (String fragment : ChatReply.fragments(call.argumentsJson())) {
                event(sse, sequence, "response.function_call_arguments.delta", FakeJson.object()
                        .put("item_id", itemId).put("output_index", index).put("delta", fragment));
            }
            event(sse, sequence, "response.function_call_arguments.done", FakeJson.object().put("item_id", itemId)
                    .put("output_index", index).put("name", call.name()).put("arguments", call.argumentsJson()));
            ObjectNode done = functionCall(itemId, callId, call, call.argumentsJson(), "completed");
            event(sse, sequence, "response.output_item.done", FakeJson.object().put("output_index", index)
                    .set("item", done));
            output.add(done);
        }
        ObjectNode completed = response(id, model, "completed");
        completed.set("output", output);
        if (reply.hasUsage()) {
            completed.set("usage", usage(reply));
        }
        event(sse, sequence, "response.completed", FakeJson.object().set("response", completed));
    }

    private static void event(FakeProviderServer.SseStream sse, int[] sequence, String type, ObjectNode fields)
            throws IOException {
        ObjectNode event = FakeJson.object().put("type", type);
        event.setAll(fields);
        event.put("sequence_number", sequence[0]++);
        sse.event(type, event.toString());
    }

    private static ObjectNode response(String id, String model, String status) {
        ObjectNode r = FakeJson.object().put("id", id).put("object", "response").put("created_at", 1_730_000_000L)
                .put("status", status).put("model", model).put("store", true).put("parallel_tool_calls", true)
                .put("tool_choice", "auto");
        r.putNull("error");
        r.putNull("incomplete_details");
        r.putNull("previous_response_id");
        r.putNull("usage");
        r.putArray("tools");
        return r;
    }

    private static ObjectNode message(String id, String text, String status) {
        ObjectNode item = FakeJson.object().put("type", "message").put("id", id).put("status", status)
                .put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = FakeJson.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        return part;
    }

    private static ObjectNode functionCall(String id, String callId, ChatReply.ToolCall call, String arguments,
                                           String status) {
        return FakeJson.object().put("type", "function_call").put("id", id).put("call_id", callId)
                .put("name", call.name()).put("arguments", arguments).put("status", status);
    }

    private static ObjectNode usage(ChatReply reply) {
        ObjectNode usage = FakeJson.object().put("input_tokens", reply.inputTokens());
        usage.putObject("input_tokens_details").put("cached_tokens", orZero(reply.cachedTokens()));
        usage.put("output_tokens", reply.outputTokens());
        usage.putObject("output_tokens_details").put("reasoning_tokens", orZero(reply.reasoningTokens()));
        usage.put("total_tokens", reply.inputTokens() + reply.outputTokens());
        return usage;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String newId(String prefix) {
        return prefix + "_fake" + IDS.incrementAndGet();
    }
}
