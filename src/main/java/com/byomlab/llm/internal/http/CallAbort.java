package com.byomlab.llm.internal.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.hc.core5.concurrent.Cancellable;

/**
 * Lets a caller abort the HTTP requests of one LLM call from another thread (the caller was interrupted, or its
 * budget ran out). Aborting closes the connections, so a blocked read or a hanging stream returns at once.
 * Requests registered after {@link #abort()} are cancelled as they start.
 */
public final class CallAbort {

    private final Set<Cancellable> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    public void abort() {
        aborted = true;
        inFlight.forEach(Cancellable::cancel);
    }

    public boolean aborted() {
        return aborted;
    }

    void register(Cancellable request) {
        inFlight.add(request);
        if (aborted) {
            request.cancel();
        }
    }

    void unregister(Cancellable request) {
        inFlight.remove(request);
    }
}
