package com.byomlab.llm.internal.http;

import java.net.UnknownHostException;

/**
 * The endpoint policy refused every address a user-supplied host resolved to. An
 * {@link UnknownHostException} because that is what a {@code DnsResolver} may throw, which makes the
 * connection attempt fail before any socket is opened.
 */
public final class RefusedAddressException extends UnknownHostException {

    public RefusedAddressException(String reason) {
        super(reason);
    }
}
