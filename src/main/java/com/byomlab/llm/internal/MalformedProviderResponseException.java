package com.byomlab.llm.internal;

/** A 2xx answer whose body is not what the provider's API reference promises. */
public final class MalformedProviderResponseException extends RuntimeException {

    public MalformedProviderResponseException(String what) {
        super("malformed provider response: " + what);
    }
}
