package com.byomlab.testsupport.fakes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI Chat Completions wire format, shared by the OpenAI, OpenAI-compatible and Azure OpenAI fakes.
 * Shapes from the API reference, "Create chat completion" / "The chat completion object" / "The chat completion
 * chunk object" (https://platform.openai.com/docs/api-reference/chat/create,
 * https://platform.openai.com/docs/api-reference/chat/streaming) and the openai-python SDK types
 * ({@code types/chat/chat_completion_chunk.py}, {@code types/completion_usage.py}):
 * <ul>
 * <li>JSON: {@code {"id","object":"chat.completion","created","model","choices":[{"index","message":{"role",
 * "content","tool_calls":[{"id","type":"function","function":{"name","arguments"}}],"refusal"},"logprobs",
 * "finish_reason"}],"usage":{"prompt_tokens","completion_tokens","total_tokens","prompt_tokens_details":
 * {"cached_tokens","cache_write_tokens"},"completion_tokens_details":{"reasoning_tokens"}}}}</li> (cache_write_tokens
 * on GPT-5.6 and later, https://developers.openai.com/api/docs/guides/prompt-caching)
 * <li>SSE: {@code data: <chunk>} lines, each chunk {@code "object":"chat.completion.chunk"} with
 * {@code choices[].delta} (role first, then content pieces; tool calls as {@code tool_calls[{index,id,type,
 * function:{name,arguments:""}}]} then {@code tool_calls[{index,function:{arguments:<fragment>}}]}), a chunk with
 * {@code finish_reason}, then, only when {@code stream_options.include_usage} was asked for, a final chunk with
 * {@code "choices":[]} and the usage ({@code "usage":null} on the others); the stream ends with
 * {@code data: [DONE]}.</li>
 * </ul>
 */
final class OpenAiChatWire {

    private static final AtomicLong IDS = new AtomicLong();

    private OpenAiChatWire() {
    }

    static ChatRequestSeen parse(RecordedRequest request, String authKey) {
        JsonNode body = FakeJson.parse(request.body());
        StringBuilder system = new StringBuilder();
        List<ChatRequestSeen.Message> messages = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asString("");
            String text = content(message.path("content"));
            switch (role) {
                case "system", "developer" -> system.append(system.isEmpty() ? "" : "\n").append(text);
                case "assistant" -> {
                    List<ChatRequestSeen.ToolCallSeen> calls = new ArrayList<>();
                    for (JsonNode call : message.path("tool_calls")) {
                        calls.add(new ChatRequestSeen.ToolCallSeen(FakeJson.text(call.path("id")),
                                FakeJson.text(call.path("function").path("name")),
                                FakeJson.text(call.path("function").path("arguments"))));
                    }
                    messages.add(new ChatRequestSeen.Message("assistant", text, calls, null, null));
                }
                case "tool" -> messages.add(new ChatRequestSeen.Message("tool", text, List.of(),
                        FakeJson.text(message.path("tool_call_id")), null));
                default -> messages.add(new ChatRequestSeen.Message(role, text, List.of(), null, null));
            }
        }
        List<String> tools = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            tools.add(FakeJson.text(tool.path("function").path("name")));
        }
        return new ChatRequestSeen(FakeJson.text(body.path("model")), authKey, body.path("stream").asBoolean(false),
                body.path("stream_options").path("include_usage").asBoolean(false),
                system.isEmpty() ? null : system.toString(), tools, messages, request);
    }

    /** content is a string or an array of {"type":"text","text":...} parts. */
    private static String content(JsonNode content) {
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            content.forEach(part -> text.append(part.path("text").asString("")));
            return text.toString();
        }
        return content.isNull() || content.isMissingNode() ? null : content.asString();
    }

    static String json(ChatReply reply, String model) {
        ObjectNode message = FakeJson.object().put("role", "assistant");
        if (reply.text() == null) {
            message.putNull("content");
        } else {
            message.put("content", reply.text());
        }
        if (!reply.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ChatReply.ToolCall call : reply.toolCalls()) {
                ObjectNode c = calls.addObject().put("id", newCallId()).put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
            }
        }
        message.putNull("refusal");
        ObjectNode root = envelope("chat.completion", model);
        root.putArray("choices").addObject().put("index", 0).<ObjectNode>set("message", message)
                .putNull("logprobs");
        ((ObjectNode) root.path("choices").get(0)).put("finish_reason", finishReason(reply));
        if (reply.hasUsage()) {
            root.set("usage", usage(reply, model));
        }
        return root.toString();
    }

    static void stream(ChatReply reply, FakeProviderServer.SseStream sse, String model, boolean includeUsage)
            throws IOException {
        String id = "chatcmpl-" + IDS.incrementAndGet();
        sse.data(chunk(id, model, FakeJson.object().put("role", "assistant").put("content", ""), null,
                includeUsage));
        for (String delta : reply.textDeltas()) {
            sse.data(chunk(id, model, FakeJson.object().put("content", delta), null, includeUsage));
        }
        int index = 0;
        for (ChatReply.ToolCall call : reply.toolCalls()) {
            ObjectNode start = FakeJson.object();
            ObjectNode first = start.putArray("tool_calls").addObject().put("index", index)
                    .put("id", newCallId()).put("type", "function");
            first.putObject("function").put("name", call.name()).put("arguments", "");
            sse.data(chunk(id, model, start, null, includeUsage));
            for (String fragment : ChatReply.fragments(call.argumentsJson())) {
                ObjectNode more = FakeJson.object();
                more.putArray("tool_calls").addObject().put("index", index)
                        .putObject("function").put("arguments", fragment);
                sse.data(chunk(id, model, more, null, includeUsage));
            }
            index++;
        }
        sse.data(chunk(id, model, FakeJson.object(), finishReason(reply), includeUsage));
        if (includeUsage && reply.hasUsage()) {
            ObjectNode last = envelope("chat.completion.chunk", model).put("id", id);
            last.putArray("choices");
            last.set("usage", usage(reply, model));
            sse.data(last.toString());
        }
        sse.data("[DONE]");
    }

    private static String chunk(String id, String model, ObjectNode delta, String finishReason, boolean includeUsage) {
        ObjectNode chunk = envelope("chat.completion.chunk", model).put("id", id);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk.toString();
    }

    private static ObjectNode envelope(String object, String model) {
        return FakeJson.object().put("id", "chatcmpl-" + IDS.incrementAndGet()).put("object", object)
                .put("created", 1_730_000_000L).put("model", model).put("system_fingerprint", "fp_fake");
    }

    private static ObjectNode usage(ChatReply reply, String model) {
        ObjectNode usage = FakeJson.object().put("prompt_tokens", reply.inputTokens())
                .put("completion_tokens", reply.outputTokens())
                .put("total_tokens", reply.inputTokens() + reply.outputTokens());
        ObjectNode prompt = usage.putObject("prompt_tokens_details").put("cached_tokens", orZero(reply.cachedTokens()))
                .put("audio_tokens", 0);
        if (reply.cacheWriteTokens() != null && reportsCacheWrites(model)) {
            // GPT-5.6 and later report (and bill at 1.25x) their cache writes, a part of prompt_tokens like cached_tokens
            prompt.put("cache_write_tokens", reply.cacheWriteTokens());
        }
        usage.putObject("completion_tokens_details").put("reasoning_tokens", orZero(reply.reasoningTokens()))
                .put("audio_tokens", 0).put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }

    /** "Cache writes have no additional fee on models before the GPT-5.6 family" and are not reported there. */
    private static boolean reportsCacheWrites(String model) {
        return model != null && model.matches("gpt-5\\.([6-9]|\\d\\d).*|gpt-[6-9].*");
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String finishReason(ChatReply reply) {
        return reply.toolCalls().isEmpty() ? "stop" : "tool_calls";
    }

    private static String newCallId() {
        return "call_fake" + IDS.incrementAndGet();
    }
}
