package com.byomlab.gateway;

import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.TokenCounts;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import tools.jackson.core.JacksonException;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

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

    private final String id = newId();
    private final long created = System.currentTimeMillis() / 1000;
    private final String model;

    CompletionResponses(String model) {
        this.model = model;
    }

    /** The whole answer of a non-streamed request, into {@code out}. */
    void completion(EventBuffer out, ChatTurn turn) {
        envelope(out, "chat.completion").ascii(",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":");
        AiMessage ai = turn.message();
        String text = ai.text();
        out.string(text == null || (text.isEmpty() && ai.hasToolExecutionRequests()) ? null : text);
        if (ai.hasToolExecutionRequests()) {
            out.ascii(",\"tool_calls\":[");
            boolean first = true;
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                if (!first) {
                    out.ascii(",");
                }
                first = false;
                out.ascii("{\"id\":").string(call.id()).ascii(",\"type\":\"function\",\"function\":{\"name\":")
                        .string(call.name()).ascii(",\"arguments\":").string(compact(call.arguments())).ascii("}}");
            }
            out.ascii("]");
        }
        out.ascii(",\"refusal\":null},\"logprobs\":null,\"finish_reason\":").string(finishReason(turn.finishReason()))
                .ascii("}]");
        if (turn.usage() != null && turn.usage().reported()) {
            out.ascii(",\"usage\":");
            usage(out, turn.usage());
        }
        out.ascii("}");
    }

    /*
     * The chunks of a stream, each into {@code out} (the stream frames them as events). Written field by field rather
     * than as a tree: a stream sends one per delta.
     */

    /** The first chunk: the assistant role with empty content, as OpenAI streams begin. */
    void roleChunk(EventBuffer out, boolean includeUsage) {
        chunkStart(out).ascii("{\"role\":\"assistant\",\"content\":\"\"}");
        chunkEnd(out, null, includeUsage);
    }

    void textChunk(EventBuffer out, String delta, boolean includeUsage) {
        chunkStart(out).ascii("{\"content\":").string(delta).ascii("}");
        chunkEnd(out, null, includeUsage);
    }

    /** A tool call's first chunk, as OpenAI streams it: index, id, type and name, arguments still empty. */
    void toolCallStartChunk(EventBuffer out, int index, String id, String name, boolean includeUsage) {
        chunkStart(out).ascii("{\"tool_calls\":[{\"index\":").number(index).ascii(",\"id\":").string(id)
                .ascii(",\"type\":\"function\",\"function\":{\"name\":").string(name).ascii(",\"arguments\":\"\"}}]}");
        chunkEnd(out, null, includeUsage);
    }

    /** The next piece of a tool call's arguments, as it came from upstream. */
    void toolArgumentsChunk(EventBuffer out, int index, String piece, boolean includeUsage) {
        chunkStart(out).ascii("{\"tool_calls\":[{\"index\":").number(index).ascii(",\"function\":{\"arguments\":")
                .string(piece).ascii("}}]}");
        chunkEnd(out, null, includeUsage);
    }

    void finishChunk(EventBuffer out, String neutralReason, boolean includeUsage) {
        chunkStart(out).ascii("{}");
        chunkEnd(out, finishReason(neutralReason), includeUsage);
    }

    /** The extra last chunk asked for by {@code stream_options.include_usage}: empty choices, the usage. */
    void usageChunk(EventBuffer out, TokenCounts counts) {
        envelope(out, "chat.completion.chunk").ascii(",\"choices\":[],\"usage\":");
        if (counts == null || !counts.reported()) {
            out.ascii("null");
        } else {
            usage(out, counts);
        }
        out.ascii("}");
    }

    /** {@code {"id",...,"choices":[{"index":0,"delta":} : the delta comes next. */
    private EventBuffer chunkStart(EventBuffer out) {
        return envelope(out, "chat.completion.chunk").ascii(",\"choices\":[{\"index\":0,\"delta\":");
    }

    private static void chunkEnd(EventBuffer out, String finishReason, boolean includeUsage) {
        out.ascii(",\"logprobs\":null,\"finish_reason\":").string(finishReason).ascii("}]");
        if (includeUsage) {
            out.ascii(",\"usage\":null");
        }
        out.ascii("}");
    }

    /** {@code {"id","object","created","model"}, left open. */
    private EventBuffer envelope(EventBuffer out, String object) {
        return out.ascii("{\"id\":").string(id).ascii(",\"object\":").string(object).ascii(",\"created\":")
                .number(created).ascii(",\"model\":").string(model);
    }

    /** The usage object as {@link #usage(TokenCounts)} makes it; {@code t} reported. */
    private static void usage(EventBuffer out, TokenCounts t) {
        int prompt = orZero(t.input());
        int completion = orZero(t.output());
        out.ascii("{\"prompt_tokens\":").number(prompt).ascii(",\"completion_tokens\":").number(completion)
                .ascii(",\"total_tokens\":").number(prompt + completion)
                .ascii(",\"prompt_tokens_details\":{\"cached_tokens\":").number(orZero(t.cachedInput()));
        if (t.cacheWrite() != null) {
            out.ascii(",\"cache_write_tokens\":").number(t.cacheWrite());
        }
        out.ascii("},\"completion_tokens_details\":{\"reasoning_tokens\":").number(orZero(t.reasoning())).ascii("}}");
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

    /** {@code chatcmpl-} and 32 random hex digits, as before from a UUID; an opaque id, so not a secure random. */
    private static String newId() {
        byte[] id = "chatcmpl-00000000000000000000000000000000".getBytes(StandardCharsets.US_ASCII);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int half = 0; half < 2; half++) {
            long bits = random.nextLong();
            for (int i = 0; i < 16; i++) {
                id[9 + half * 16 + i] = HEX[(int) (bits >>> (60 - 4 * i)) & 0xf];
            }
        }
        return new String(id, StandardCharsets.US_ASCII);
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

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
