package com.byomlab.agent;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One persisted step of a session, in order: a model turn, a tool call, a tool result, an error, or a fallback (the
 * call moved to another credential: content says from what, to what and why). A model turn (and the error of a
 * failed model call, and a fallback for the attempts on the credential it left) carries attempts and cost.
 * {@code cacheSavingUsd}: what prompt caching saved on a model turn (its cost without caching minus its cost; negative
 * on a turn that only wrote to the cache), null when unknown or not a model turn.
 */
public record AgentStep(int seq, String kind, String content, String toolName, String toolCallId,
                        Integer inputTokens, Integer outputTokens, Integer cachedTokens, Integer cacheWriteTokens,
                        Integer reasoningTokens,
                        Long latencyMs, Integer attempts, BigDecimal costUsd, Boolean costKnown, Instant createdAt,
                        BigDecimal cacheSavingUsd) {

    public static final String MODEL_TURN = "model_turn";
    public static final String TOOL_CALL = "tool_call";
    public static final String TOOL_RESULT = "tool_result";
    public static final String ERROR = "error";
    public static final String FALLBACK = "fallback";
}
