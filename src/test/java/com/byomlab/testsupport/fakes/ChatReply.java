package com.byomlab.testsupport.fakes;

import java.util.ArrayList;
import java.util.List;

/**
 * One scripted answer of a fake provider's chat endpoint, in neutral terms; each fake renders it in its own wire
 * format, as JSON or as SSE depending on the request's stream flag.
 *
 * <pre>{@code
 * fake.chat().enqueue(ChatReply.toolCall("get_price_history", "{\"symbol\":\"BTC\",\"days\":30}").usage(120, 15).cached(100).reasoning(5));
 * fake.chat().enqueue(ChatReply.text("BTC rose 4% ...").usage(300, 80));
 * fake.chat().enqueue(ChatReply.failure(Scenario.rateLimited(1)));
 * fake.chat().enqueue(ChatReply.streamCutAfter(ChatReply.text("partial ..."), 2));
 * }</pre>
 *
 * Usage defaults to 10 input / 5 output tokens; {@link #withoutUsage()} omits it from the answer entirely. The counts
 * are what the call really used, in {@link com.byomlab.llm.TokenCounts}' one meaning: input includes cache reads and
 * writes, output includes reasoning. Each fake writes them the way its provider reports that same usage (Anthropic's
 * input_tokens leave cache reads and writes out, Gemini's candidatesTokenCount leaves thinking out), so one reply
 * yields the same figures on every provider. Cache and reasoning parts are rendered only where the provider reports
 * them (cache writes: Anthropic; reasoning: OpenAI, Gemini).
 */
public final class ChatReply {

    /** A tool call to render; the fake makes up the id where the protocol has ids. */
    public record ToolCall(String name, String argumentsJson) {
    }

    private final String text;
    private final List<ToolCall> toolCalls;
    private final Scenario failure;
    private final int cutAfterEvents;
    private Integer inputTokens = 10;
    private Integer outputTokens = 5;
    private Integer cachedTokens;
    private Integer cacheWriteTokens;
    private Integer cacheWrite1hTokens;
    private boolean scriptedUsage;
    private Integer reasoningTokens;
    private boolean usage = true;
    private volatile java.util.concurrent.CountDownLatch release;
    private volatile java.util.concurrent.CountDownLatch pauseRelease;
    private volatile int pauseAfterEvents = -1;

    private ChatReply(String text, List<ToolCall> toolCalls, Scenario failure, int cutAfterEvents) {
        this.text = text;
        this.toolCalls = toolCalls;
        this.failure = failure;
        this.cutAfterEvents = cutAfterEvents;
    }

    public static ChatReply text(String text) {
        return new ChatReply(text, new ArrayList<>(), null, -1);
    }

    public static ChatReply toolCall(String name, String argumentsJson) {
        return new ChatReply(null, new ArrayList<>(List.of(new ToolCall(name, argumentsJson))), null, -1);
    }

    /** The provider's error answer for a scenario (rate limited, quota, 5xx, hang, malformed JSON, ...). */
    public static ChatReply failure(Scenario scenario) {
        return new ChatReply(null, List.of(), scenario, -1);
    }

    /**
     * Streams {@code reply} but drops the connection after {@code events} SSE events, without the end of the
     * chunked body: what a network failure in the middle of an answer looks like. A non-streamed request gets
     * the same cut (headers, then a closed connection).
     */
    public static ChatReply streamCutAfter(ChatReply reply, int events) {
        ChatReply cut = new ChatReply(reply.text, reply.toolCalls, null, events);
        cut.inputTokens = reply.inputTokens;
        cut.outputTokens = reply.outputTokens;
        cut.cachedTokens = reply.cachedTokens;
        cut.cacheWriteTokens = reply.cacheWriteTokens;
        cut.reasoningTokens = reply.reasoningTokens;
        cut.cacheWrite1hTokens = reply.cacheWrite1hTokens;
        cut.usage = reply.usage;
        cut.scriptedUsage = reply.scriptedUsage;
        return cut;
    }

    /**
     * The fake receives the request, then waits for {@code release} before it answers (at most 30 s), so
     * a test can act while the call is in flight (cancel, delete the key, ...).
     */
    public ChatReply heldUntil(java.util.concurrent.CountDownLatch release) {
        this.release = release;
        return this;
    }

    /**
     * A streamed answer sends its first {@code events} SSE events, then waits for {@code release} (at most 30 s)
     * before the rest: the upstream is still busy while the client should already have the first chunks.
     */
    public ChatReply pausedAfter(int events, java.util.concurrent.CountDownLatch release) {
        this.pauseAfterEvents = events;
        this.pauseRelease = release;
        return this;
    }

    /** -1: never paused. */
    int pauseAfterEvents() {
        return pauseAfterEvents;
    }

    java.util.concurrent.CountDownLatch pauseRelease() {
        return pauseRelease;
    }

    void awaitRelease() {
        if (release != null) {
            try {
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A further tool call in the same answer (parallel tool calls). */
    public ChatReply andToolCall(String name, String argumentsJson) {
        toolCalls.add(new ToolCall(name, argumentsJson));
        return this;
    }

    public ChatReply usage(int input, int output) {
        this.inputTokens = input;
        this.outputTokens = output;
        this.usage = true;
        this.scriptedUsage = true;
        return this;
    }

    /** True when the test set the input counts ({@link #usage}); a fake that plays a prompt cache then keeps them. */
    public boolean scriptedUsage() {
        return scriptedUsage;
    }

    public ChatReply cached(int cached) {
        this.cachedTokens = cached;
        return this;
    }

    /** Input tokens written to a prompt cache (part of input). */
    public ChatReply cacheWrite(int written) {
        this.cacheWriteTokens = written;
        return this;
    }

    /** The part of the cache writes written for one hour (Anthropic's cache_creation.ephemeral_1h_input_tokens). */
    public ChatReply cacheWrite1h(int written) {
        this.cacheWrite1hTokens = written;
        return this;
    }

    public Integer cacheWrite1hTokens() {
        return cacheWrite1hTokens;
    }

    /** Output tokens spent reasoning (part of output). */
    public ChatReply reasoning(int reasoning) {
        this.reasoningTokens = reasoning;
        return this;
    }

    /** No usage anywhere in the answer (for OpenAI: no usage chunk even when include_usage was asked for). */
    public ChatReply withoutUsage() {
        this.usage = false;
        return this;
    }

    public String text() {
        return text;
    }

    public List<ToolCall> toolCalls() {
        return List.copyOf(toolCalls);
    }

    public Scenario failure() {
        return failure;
    }

    public boolean isFailure() {
        return failure != null;
    }

    /** -1: never cut. */
    public int cutAfterEvents() {
        return cutAfterEvents;
    }

    public boolean hasUsage() {
        return usage;
    }

    public Integer inputTokens() {
        return inputTokens;
    }

    public Integer outputTokens() {
        return outputTokens;
    }

    public Integer cachedTokens() {
        return cachedTokens;
    }

    public Integer cacheWriteTokens() {
        return cacheWriteTokens;
    }

    public Integer reasoningTokens() {
        return reasoningTokens;
    }

    /** Text split into word-sized deltas (spaces kept), the way providers stream it. */
    public List<String> textDeltas() {
        List<String> deltas = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return deltas;
        }
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ') {
                deltas.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            deltas.add(text.substring(start));
        }
        return deltas;
    }

    /** The longest piece of tool arguments the fakes stream: a few tokens, as providers send them. */
    static final int ARGUMENT_PIECE = 8;

    /**
     * Arguments JSON split in pieces of at most {@link #ARGUMENT_PIECE} characters (a surrogate pair kept whole), as
     * providers stream partial JSON: OpenAI's {@code function.arguments} chunks, Anthropic's {@code input_json_delta},
     * Bedrock's {@code contentBlockDelta.delta.toolUse.input}.
     */
    static List<String> fragments(String json) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < json.length()) {
            int end = Math.min(start + ARGUMENT_PIECE, json.length());
            if (end < json.length() && Character.isHighSurrogate(json.charAt(end - 1))) {
                end++;
            }
            pieces.add(json.substring(start, end));
            start = end;
        }
        return pieces.isEmpty() ? List.of(json) : pieces;
    }
}
