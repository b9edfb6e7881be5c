package com.byomlab.usage;

import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;

import java.util.UUID;

/**
 * One LLM call to meter, as the caller saw it. {@code callId} makes recording idempotent: the same
 * call recorded twice (a retry of the recording, a takeover) is stored once.
 *
 * @param purpose  what the call served: "agent", "gateway", "validation"
 * @param outcome  "ok", or the error code of a failed call
 */
public record LlmCallRecord(UUID callId, UUID userId, UUID sessionId, UUID credentialId, String purpose,
                            Provider provider, String model, String outcome, int attempts, TokenCounts usage,
                            long latencyMs) {

    public boolean succeeded() {
        return "ok".equals(outcome);
    }
}
