package com.byomlab.gateway;

import com.byomlab.calls.CallRoute;
import com.byomlab.calls.Fallback;
import com.byomlab.calls.PassThroughListener;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A passed-through answer written straight to the servlet response as it arrives from the provider: the status and
 * content type when the answer is known to be a success (with our rate-limit and fallback headers), then the
 * provider's bytes unchanged, flushed event by event for a stream. Nothing is written before that, so a failure
 * that comes first still gets a proper error response in the surface's format. A client that goes away interrupts
 * the call, which aborts the upstream request.
 */
final class PassThroughResponse implements PassThroughListener {

    private final HttpServletResponse response;
    private final CallRoute asked;
    private CallRoute current;
    private final List<Fallback> moves = new ArrayList<>();
    private final Map<String, String> ourLimit;
    private final Thread caller = Thread.currentThread();
    private volatile boolean started;
    private boolean stream;
    private boolean clientGone;

    PassThroughResponse(HttpServletResponse response, CallRoute route, Map<String, String> ourLimit) {
        this.response = response;
        this.asked = route;
        this.current = route;
        this.ourLimit = ourLimit;
    }

    @Override
    public void onFallback(Fallback fallback) {
        moves.add(fallback);
        current = fallback.to();
    }

    @Override
    public boolean answerStarted() {
        return started;
    }

    boolean started() {
        return started;
    }

    /** True once a streamed answer began: a failure after that is told as an in-stream error event. */
    boolean streaming() {
        return started && stream;
    }

    @Override
    public void onStart(int status, String contentType) {
        started = true;
        stream = contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
        response.setStatus(status);
        response.setContentType(contentType);
        if (stream) {
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no"); // reverse proxies must not buffer the stream either
        }
        ourLimit.forEach(response::setHeader);
        FallbackHeaders.write(response, asked, current, moves);
    }

    @Override
    public void onBytes(byte[] bytes) {
        write(bytes);
    }

    /** Bytes of our own after the answer began (an in-stream error event). */
    void write(byte[] bytes) {
        if (clientGone) {
            return;
        }
        try {
            var out = response.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException | RuntimeException e) {
            clientGone = true;
            caller.interrupt(); // aborts the upstream call: nobody is listening any more
        }
    }
}
