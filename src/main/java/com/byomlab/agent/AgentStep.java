package com.byomlab.agent;

import java.time.Instant;

/** One persisted step of a session, in order: a model turn, a tool call, a tool result, or an error. */
public record AgentStep(int seq, String kind, String content, String toolName, String toolCallId,
                        Integer inputTokens, Integer outputTokens, Integer cachedTokens, Integer reasoningTokens,
                        Long latencyMs, Instant createdAt) {

    public static final String MODEL_TURN = "model_turn";
    public static final String TOOL_CALL = "tool_call";
    public static final String TOOL_RESULT = "tool_result";
    public static final String ERROR = "error";
}
