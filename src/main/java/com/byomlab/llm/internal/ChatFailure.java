package com.byomlab.llm.internal;

import java.time.Duration;
import java.util.Optional;

import com.byomlab.llm.ProviderError;

/**
 * One failed chat attempt, classified once: what to tell a person, whether another attempt can help, the wait
 * the provider asked for (Retry-After, Gemini RetryInfo), if any, and whether the provider refused the request itself
 * (a 4xx that is not about the key, its credit, its rate or the model: another provider would most likely refuse the
 * same request, so a caller should not move it elsewhere).
 */
public record ChatFailure(ProviderError error, boolean retryable, Optional<Duration> requestedWait,
        boolean requestRejected) {

    /** A failure that is not a refusal of the request itself. */
    public ChatFailure(ProviderError error, boolean retryable, Optional<Duration> requestedWait) {
        this(error, retryable, requestedWait, false);
    }

    public static ChatFailure transientFailure(ProviderError error, Optional<Duration> requestedWait) {
        return new ChatFailure(error, true, requestedWait, false);
    }

    public static ChatFailure permanent(ProviderError error) {
        return new ChatFailure(error, false, Optional.empty(), false);
    }

    /** The provider refused the request itself: not retried, and not moved to another credential either. */
    public static ChatFailure rejected(ProviderError error) {
        return new ChatFailure(error, false, Optional.empty(), true);
    }
}
