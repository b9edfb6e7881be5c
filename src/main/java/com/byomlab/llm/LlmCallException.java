package com.byomlab.llm;

import java.time.Duration;
import java.util.Optional;

/**
 * A chat call that failed for good (after retries where the failure allowed them). The message holds the provider
 * id and the error code only: never provider text, never the key. {@link #error()} explains it for a person.
 */
public class LlmCallException extends Exception {

    private final transient ProviderError error;
    private final int attempts;
    private final Duration retryAfter;

    public LlmCallException(Provider provider, ProviderError error, int attempts) {
        this(provider, error, attempts, null);
    }

    /** @param retryAfter the wait the provider asked for in its last answer (Retry-After, Gemini RetryInfo); null if none */
    public LlmCallException(Provider provider, ProviderError error, int attempts, Duration retryAfter) {
        super(provider.id() + ": " + error.code().code());
        this.error = error;
        this.attempts = attempts;
        this.retryAfter = retryAfter;
    }

    /** When the provider said it would take this key again, as of its last answer; empty when it did not say. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public ProviderError error() {
        return error;
    }

    public int attempts() {
        return attempts;
    }
}
