package com.byomlab.llm;

/**
 * Where a passed-through answer goes, as it arrives: the start (once, when the answer is known to be a success),
 * then its bytes exactly as the provider sent them (a whole JSON body, or one SSE event at a time, each with its
 * terminating blank line). Called on the calling thread. A sink whose client went away should interrupt the calling
 * thread: the upstream call is then aborted.
 */
public interface NativeSink extends ChatListener {

    /**
     * The provider answered with success; called once, before the first {@link #onBytes}.
     *
     * @param contentType the provider's content type ({@code application/json} or {@code text/event-stream})
     */
    void onStart(int status, String contentType);

    /** The next bytes of the answer, as the provider sent them. */
    void onBytes(byte[] bytes);
}
