package com.byomlab.llm.internal;

import java.time.Duration;
import java.util.Optional;

import com.byomlab.llm.ProviderError;

/**
 * One failed chat attempt, classified once: what to tell a person, whether another attempt can help, and the wait
 * the provider asked for (Retry-After, Gemini RetryInfo), if any.
 */
public record ChatFailure(ProviderError error, boolean retryable, Optional<Duration> requestedWait) {

    public static ChatFailure transientFailure(ProviderError error, Optional<Duration> requestedWait) {
        return new ChatFailure(error, true, requestedWait);
    }

    public static ChatFailure permanent(ProviderError error) {
        return new ChatFailure(error, false, Optional.empty());
    }
}
