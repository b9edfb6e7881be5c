package com.byomlab.usage;

import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;

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

    private static final NoArgGenerator CALL_IDS = Generators.timeBasedEpochGenerator();

    /**
     * A new call id, time-ordered (UUID version 7): each call's row lands at the growing end of llm_usage's unique
     * index on call_id. Random (version 4) ids put every insert on a random page of that index, which on the
     * embedded database was the largest part of metering a call (docs/benchmarks.md).
     */
    public static UUID newCallId() {
        return CALL_IDS.generate();
    }

    public boolean succeeded() {
        return "ok".equals(outcome);
    }
}
