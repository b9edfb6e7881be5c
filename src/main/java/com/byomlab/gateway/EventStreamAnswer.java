package com.byomlab.gateway;

import com.byomlab.calls.CallListener;
import com.byomlab.calls.CallRoute;
import com.byomlab.calls.Fallback;
import com.byomlab.llm.ProviderError;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every streamed gateway answer shares, whatever its event format (chat completions, Messages, Responses):
 * nothing is sent before the first event, so an upstream failure that comes first still gets a plain error with its
 * status and a fallback order may still move on; the first event writes the status and headers (ours, the fallback
 * ones); after it a retry would send a second answer behind part of the first, so the call is interrupted instead
 * ({@link #brokenBy()} says by what); a client that goes away interrupts the call, which aborts the upstream request.
 * Written and flushed on the request's thread as the provider's deltas arrive.
 */
abstract class EventStreamAnswer implements CallListener {

    private final HttpServletResponse response;
    private final CallRoute asked;
    private final Map<String, String> ourLimit;
    private final List<Fallback> moves = new ArrayList<>();
    private final Thread caller = Thread.currentThread();
    private CallRoute current;
    private boolean started;
    private boolean clientGone;
    private volatile ProviderError brokenBy;

    /** @param ourLimit the {@code RateLimit-*} headers of our gateway limit, sent only once the answer starts */
    EventStreamAnswer(HttpServletResponse response, CallRoute route, Map<String, String> ourLimit) {
        this.response = response;
        this.asked = route;
        this.current = route;
        this.ourLimit = ourLimit;
    }

    /**
     * The call moves to the next credential of its fallback order: only ever before the first byte (the pipeline
     * asks {@link #answerStarted()} first), so the events and headers to come name the model that streams.
     */
    @Override
    public final synchronized void onFallback(Fallback fallback) {
        moves.add(fallback);
        current = fallback.to();
        routeChanged(current);
    }

    /** The formatter of the events to come is for this route's model now. */
    abstract void routeChanged(CallRoute route);

    @Override
    public final boolean answerStarted() {
        return started();
    }

    /** Called on the calling thread, before LlmChat's backoff wait: interrupting it ends that wait at once. */
    @Override
    public final void onRetry(int nextAttempt, ProviderError error, Duration wait) {
        if (started()) {
            brokenBy = error;
            Thread.currentThread().interrupt();
        }
    }

    final synchronized boolean started() {
        return started;
    }

    /** The upstream error that ended a stream after its first event; null otherwise. */
    final ProviderError brokenBy() {
        return brokenBy;
    }

    /**
     * Starts the answer if it has not started: status, content type and headers. True the first time, when the
     * caller sends its format's opening events. Called with this object's lock held.
     */
    final boolean open() {
        if (started) {
            return false;
        }
        started = true;
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no"); // reverse proxies must not buffer the stream either
        ourLimit.forEach(response::setHeader);
        FallbackHeaders.write(response, asked, current, moves);
        return true;
    }

    /** One event, written and flushed; once the client is gone nothing more is written. */
    final void write(byte[] event) {
        write(event, event.length);
    }

    /** The event built in {@code event}. */
    final void write(EventBuffer event) {
        write(event.bytes(), event.length());
    }

    private void write(byte[] event, int length) {
        if (clientGone) {
            return;
        }
        try {
            var out = response.getOutputStream();
            out.write(event, 0, length);
            out.flush();
        } catch (IOException | RuntimeException e) {
            clientGone = true;
            caller.interrupt(); // aborts the upstream call (LlmChat watches for it): nobody is listening any more
        }
    }
}
