package com.byomlab.calls;

import com.byomlab.llm.ChatListener;

/**
 * Progress of one metered call: the provider's progress ({@link ChatListener}) and the pipeline's own, a move to the
 * next credential of a fallback order. Called on the calling thread.
 */
public interface CallListener extends ChatListener {

    CallListener NONE = new CallListener() {
    };

    /** The call moves to the next credential; called before that one is asked. Partial text so far is void. */
    default void onFallback(Fallback fallback) throws InterruptedException {
    }

    /**
     * True once part of the answer has reached the client (a gateway stream's first byte): from then on the call can
     * no longer move to another credential, and fails as it would without a fallback order.
     */
    default boolean answerStarted() {
        return false;
    }
}
