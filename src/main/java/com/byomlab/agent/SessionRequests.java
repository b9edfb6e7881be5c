package com.byomlab.agent;

import com.byomlab.calls.FallbackRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.UUID;

public final class SessionRequests {

    private SessionRequests() {
    }

    /**
     * Neither a credential nor the flag: the user's default credential, else the operator's system default.
     * {@code llmFallback}: this session's own fallback order (an empty one: none); absent, the user's applies.
     */
    public record Create(
            @NotBlank(message = "is required: say in plain words what the agent should find out")
            @Size(max = 5000, message = "must be at most 5000 characters") String userGoal,
            UUID llmCredentialId,
            @Size(max = 100, message = "must be at most 100 characters") String llmModel,
            Boolean useSystemDefault,
            FallbackRequest llmFallback) {

        public Create(String userGoal, UUID llmCredentialId, String llmModel, Boolean useSystemDefault) {
            this(userGoal, llmCredentialId, llmModel, useSystemDefault, null);
        }
    }

    /** The same choice as {@link Create}; the goal is optional and not used yet. */
    public record Estimate(
            @Size(max = 5000, message = "must be at most 5000 characters") String userGoal,
            UUID llmCredentialId,
            @Size(max = 100, message = "must be at most 100 characters") String llmModel,
            Boolean useSystemDefault) {
    }
}
