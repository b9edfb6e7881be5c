package com.byomlab.llm.internal.http;

/** The provider could not be reached or the connection broke; the cause says how. */
public final class ProviderNetworkException extends RuntimeException {

    public ProviderNetworkException(Throwable cause) {
        super("could not reach the provider (" + cause.getClass().getSimpleName() + ")", cause);
    }
}
