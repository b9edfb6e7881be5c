package com.byomlab.gateway;

import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.TokenCounts;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.UUID;

/**
 * Writes answers in OpenAI's shapes: a {@code chat.completion} object, or {@code chat.completion.chunk}s of one
 * stream (one instance per completion: same id, created and model on every chunk).
 *
 * <p>Usage is {@link TokenCounts} as it is: its one meaning is OpenAI's ({@code prompt_tokens} includes cache reads
 * and writes, {@code completion_tokens} includes reasoning), whatever the provider; {@code total_tokens} is their sum.
 * Cache writes, when the provider reported any, are {@code prompt_tokens_details.cache_write_tokens} (OpenRouter's
 * name; OpenAI itself reports none).
 * Finish reasons: stop, length, tool_calls, content_filter; anything else reads as stop.
 */
final class CompletionResponses {

    private final String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
    private final long created = System.currentTimeMillis() / 1000;
    private final String model;

    CompletionResponses(String model) {
        this.model = model;
    }

    /** The whole answer of a non-streamed request. */
    String completion(ChatTurn turn) {
        ObjectNode root = envelope("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        AiMessage ai = turn.message();
        String text = ai.text();
        if (text == null || (text.isEmpty() && ai.hasToolExecutionRequests())) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        if (ai.hasToolExecutionRequests()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                toolCall(calls.addObject(), call);
            }
        }
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason(turn.finishReason()));
        ObjectNode usage = usage(turn.usage());
        if (usage != null) {
            root.set("usage", usage);
        }
        return GatewayJson.write(root);
    }

    /** The first chunk: the assistant role with empty content, as OpenAI streams begin. */
    String roleChunk(boolean includeUsage) {
        return chunk(GatewayJson.object().put("role", "assistant").put("content", ""), null, includeUsage);
    }

    String textChunk(String delta, boolean includeUsage) {
        return chunk(GatewayJson.object().put("content", delta), null, includeUsage);
    }

    /** A tool call's first chunk, as OpenAI streams it: index, id, type and name, arguments still empty. */
    String toolCallStartChunk(int index, String id, String name, boolean includeUsage) {
        ObjectNode delta = GatewayJson.object();
        ObjectNode entry = delta.putArray("tool_calls").addObject().put("index", index);
        entry.put("id", id).put("type", "function");
        entry.putObject("function").put("name", name).put("arguments", "");
        return chunk(delta, null, includeUsage);
    }

    /** The next piece of a tool call's arguments, as it came from upstream. */
    String toolArgumentsChunk(int index, String piece, boolean includeUsage) {
        ObjectNode delta = GatewayJson.object();
        delta.putArray("tool_calls").addObject().put("index", index).putObject("function").put("arguments", piece);
        return chunk(delta, null, includeUsage);
    }

    String finishChunk(String neutralReason, boolean includeUsage) {
        return chunk(GatewayJson.object(), finishReason(neutralReason), includeUsage);
    }

    /** The extra last chunk asked for by {@code stream_options.include_usage}: empty choices, the usage. */
    String usageChunk(TokenCounts counts) {
        ObjectNode root = envelope("chat.completion.chunk");
        root.putArray("choices");
        ObjectNode usage = usage(counts);
        if (usage == null) {
            root.putNull("usage");
        } else {
            root.set("usage", usage);
        }
        return GatewayJson.write(root);
    }

    private String chunk(ObjectNode delta, String finishReason, boolean includeUsage) {
        ObjectNode root = envelope("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (includeUsage) {
            root.putNull("usage");
        }
        return GatewayJson.write(root);
    }

    private ObjectNode envelope(String object) {
        return GatewayJson.object().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    private static void toolCall(ObjectNode target, ToolExecutionRequest call) {
        target.put("id", call.id()).put("type", "function");
        target.putObject("function").put("name", call.name()).put("arguments", compact(call.arguments()));
    }

    /** Anthropic's arguments come pretty-printed: re-serialised compactly, as OpenAI sends them. */
    static String compact(String json) {
        if (json == null || json.isBlank()) {
            return "{}";
        }
        try {
            return GatewayJson.write(GatewayJson.MAPPER.readTree(json));
        } catch (JacksonException e) {
            return json;
        }
    }

    ObjectNode usage(TokenCounts t) {
        if (t == null || !t.reported()) {
            return null;
        }
        int prompt = orZero(t.input());
        int completion = orZero(t.output());
        ObjectNode usage = GatewayJson.object().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        ObjectNode promptDetails = usage.putObject("prompt_tokens_details").put("cached_tokens", orZero(t.cachedInput()));
        if (t.cacheWrite() != null) {
            promptDetails.put("cache_write_tokens", t.cacheWrite());
        }
        int reasoning = orZero(t.reasoning());
        usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
        return usage;
    }

    static String finishReason(String neutral) {
        if (neutral == null) {
            return "stop";
        }
        return switch (neutral) {
            case "length", "tool_calls", "content_filter" -> neutral;
            default -> "stop";
        };
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
