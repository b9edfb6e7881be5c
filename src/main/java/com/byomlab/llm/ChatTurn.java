package com.byomlab.llm;

import dev.langchain4j.data.message.AiMessage;

/**
 * The answer to one {@link ChatCall}.
 *
 * @param message      text and/or tool execution requests; every request has a non-null id (generated for Gemini,
 *                     whose functionCall has none); null for a passed-through call ({@link LlmPassThrough}), whose
 *                     answer went to the client as the provider wrote it
 * @param finishReason lower-case neutral: "stop", "tool_calls", "length", "content_filter", "other"; for a
 *                     passed-through call the provider's own stop reason (e.g. Anthropic's "end_turn"), or null
 * @param latencyMs    wall time of the successful attempt
 * @param attempts     attempts used (1 = no retry)
 * @param responseModel the model the provider says answered (e.g. a dated version of the one asked for); null when
 *                     it did not say
 */
public record ChatTurn(AiMessage message, TokenCounts usage, String finishReason, long latencyMs, int attempts,
        String responseModel) {

    /** A turn whose provider did not name the model that answered. */
    public ChatTurn(AiMessage message, TokenCounts usage, String finishReason, long latencyMs, int attempts) {
        this(message, usage, finishReason, latencyMs, attempts, null);
    }
}
