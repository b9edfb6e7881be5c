package com.byomlab.llm.internal;

/** A base URL that cannot be used; the message is a reason fit to show the user. */
public final class BadBaseUrlException extends RuntimeException {

    public BadBaseUrlException(String reason) {
        super(reason);
    }
}
