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
 */
public record ChatTurn(AiMessage message, TokenCounts usage, String finishReason, long latencyMs, int attempts) {
}
