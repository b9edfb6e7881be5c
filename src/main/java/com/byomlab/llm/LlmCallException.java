package com.byomlab.llm;

/**
 * A chat call that failed for good (after retries where the failure allowed them). The message holds the provider
 * id and the error code only: never provider text, never the key. {@link #error()} explains it for a person.
 */
public class LlmCallException extends Exception {

    private final transient ProviderError error;
    private final int attempts;

    public LlmCallException(Provider provider, ProviderError error, int attempts) {
        super(provider.id() + ": " + error.code().code());
        this.error = error;
        this.attempts = attempts;
    }

    public ProviderError error() {
        return error;
    }

    public int attempts() {
        return attempts;
    }
}
