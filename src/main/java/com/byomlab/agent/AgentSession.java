package com.byomlab.agent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A Lab session as its owner sees it. llm_provider, llm_model and llm_credential_id describe what
 * actually runs (the credential is null when the operator's system default runs). cost_usd sums the
 * calls whose cost is known; cost_complete is false when some call could not be priced (no price for
 * the model, or usage not reported by the provider). Token totals have {@link com.byomlab.llm.TokenCounts}' one
 * meaning: input includes the cache reads and writes, output the reasoning. After a fallback to another credential,
 * the llm_* fields name the one the session runs on now, and models_used lists every one it ran on, in order.
 * cache_saving_usd is what prompt caching saved over the calls whose saving is known (against the same calls with
 * every input token at the input rate).
 */
public record AgentSession(UUID id, UUID userId, String userGoal, String status, String statusReason,
                           String errorCode, UUID llmCredentialId, String llmProvider, String llmModel,
                           boolean usingCustomModel, boolean simulated, int llmCalls, long inputTokens,
                           long outputTokens, long cachedInputTokens, long cacheWriteTokens, long reasoningTokens,
                           BigDecimal costUsd,
                           boolean costComplete, String finalReport, Instant createdAt, Instant startedAt,
                           Instant finishedAt, List<ModelUsed> modelsUsed, BigDecimal cacheSavingUsd) {

    public SessionStatus sessionStatus() {
        return SessionStatus.of(status);
    }

    /** This session as ended with {@code status}; the rest as it was. */
    AgentSession endedAs(SessionStatus status, String reason, String errorCode, Instant at) {
        return new AgentSession(id, userId, userGoal, status.id(), reason, errorCode, llmCredentialId, llmProvider,
                llmModel, usingCustomModel, simulated, llmCalls, inputTokens, outputTokens, cachedInputTokens,
                cacheWriteTokens, reasoningTokens, costUsd, costComplete, finalReport, createdAt, startedAt, at,
                modelsUsed, cacheSavingUsd);
    }
}
