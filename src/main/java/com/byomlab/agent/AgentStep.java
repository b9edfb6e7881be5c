package com.byomlab.agent;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One persisted step of a session, in order: a model turn, a tool call, a tool result, or an error.
 * A model turn (and the error of a failed model call) carries the call's attempts and cost.
 */
public record AgentStep(int seq, String kind, String content, String toolName, String toolCallId,
                        Integer inputTokens, Integer outputTokens, Integer cachedTokens, Integer cacheWriteTokens,
                        Integer reasoningTokens,
                        Long latencyMs, Integer attempts, BigDecimal costUsd, Boolean costKnown, Instant createdAt) {

    public static final String MODEL_TURN = "model_turn";
    public static final String TOOL_CALL = "tool_call";
    public static final String TOOL_RESULT = "tool_result";
    public static final String ERROR = "error";
}
