package com.byomlab.agent;

import java.time.Instant;
import java.util.UUID;

/**
 * A Lab session as its owner sees it. llm_provider, llm_model and llm_credential_id describe what
 * actually runs (the credential is null when the operator's system default runs).
 */
public record AgentSession(UUID id, UUID userId, String userGoal, String status, String statusReason,
                           String errorCode, UUID llmCredentialId, String llmProvider, String llmModel,
                           boolean usingCustomModel, boolean simulated, int llmCalls, long inputTokens,
                           long outputTokens, String finalReport, Instant createdAt, Instant startedAt,
                           Instant finishedAt) {

    public SessionStatus sessionStatus() {
        return SessionStatus.of(status);
    }
}
