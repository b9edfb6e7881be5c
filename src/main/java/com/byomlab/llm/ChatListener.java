package com.byomlab.llm;

import java.time.Duration;

/**
 * Progress of one {@link LlmChat#chat} call. Callbacks may come from an HTTP reader thread, one at a time and in
 * order; they must be quick and must not throw (a throwing listener is ignored, the call goes on).
 */
public interface ChatListener {

    ChatListener NONE = new ChatListener() {
    };

    /** Streamed text as it arrives. */
    default void onPartialText(String delta) {
    }

    /** The attempt failed and another one follows after {@code wait}; partial text so far is void. */
    default void onRetry(int nextAttempt, ProviderError error, Duration wait) {
    }
}
