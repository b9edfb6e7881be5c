package com.byomlab.llm;

/**
 * A chat call that failed for good (after retries where the failure allowed them). The message holds the provider
 * id and the error code only: never provider text, never the key. {@link #error()} explains it for a person.
 */
public class LlmCallException extends Exception {

    private final transient ProviderError error;
    private final int attempts;
    private final boolean requestRejected;

    public LlmCallException(Provider provider, ProviderError error, int attempts) {
        this(provider, error, attempts, false);
    }

    /** @param requestRejected the provider refused the request itself (see {@link #requestRejected()}) */
    public LlmCallException(Provider provider, ProviderError error, int attempts, boolean requestRejected) {
        super(provider.id() + ": " + error.code().code());
        this.error = error;
        this.attempts = attempts;
        this.requestRejected = requestRejected;
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
