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
    private final boolean requestRejected;

    public LlmCallException(Provider provider, ProviderError error, int attempts) {
        this(provider, error, attempts, null);
    }

    /** @param retryAfter the wait the provider asked for in its last answer (Retry-After, Gemini RetryInfo); null if none */
    public LlmCallException(Provider provider, ProviderError error, int attempts, Duration retryAfter) {
        this(provider, error, attempts, retryAfter, false);
    }

    /** @param requestRejected the provider refused the request itself (see {@link #requestRejected()}) */
    public LlmCallException(Provider provider, ProviderError error, int attempts, Duration retryAfter,
                            boolean requestRejected) {
        super(provider.id() + ": " + error.code().code());
        this.error = error;
        this.attempts = attempts;
        this.retryAfter = retryAfter;
        this.requestRejected = requestRejected;
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

    /**
     * True when the provider answered with a 4xx about the request itself (not the key, its credit, its rate limit or
     * the model), reported as {@code provider_unavailable}: another provider would most likely refuse it too.
     */
    public boolean requestRejected() {
        return requestRejected;
    }
}
