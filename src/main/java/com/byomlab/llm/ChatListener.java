package com.byomlab.llm;

import java.time.Duration;

/**
 * Progress of one {@link LlmChat#chat} call. Callbacks may come from an HTTP reader thread, one at a time and in
 * order; they must be quick and must not throw (a throwing listener is ignored, the call goes on).
 */
public interface ChatListener {

    ChatListener NONE = new ChatListener() {
    };

    /** Streamed text as it arrives. */
    default void onPartialText(String delta) {
    }

    /**
     * A piece of a tool call's arguments as it arrives (streamed calls only). Every provider's tool calls come this
     * way: piece by piece where the provider streams arguments (OpenAI and OpenAI-compatible, Azure OpenAI, Anthropic,
     * Bedrock), whole in one piece as soon as the call arrives where it does not (Gemini). Whatever a provider sent
     * only in its final answer is sent here before {@link LlmChat#chat} returns, so the pieces always add up to the
     * returned tool calls.
     */
    default void onPartialToolCall(ToolCallDelta delta) {
    }

    /**
     * The attempt failed and another one follows after {@code wait}; partial text and tool calls so far are void (the
     * next attempt's tool calls start again at index 0).
     */
    default void onRetry(int nextAttempt, ProviderError error, Duration wait) {
    }
}
