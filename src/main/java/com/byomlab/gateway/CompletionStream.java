package com.byomlab.gateway;

import com.byomlab.calls.CallListener;
import com.byomlab.calls.CallRoute;
import com.byomlab.calls.Fallback;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.ProviderError;
import com.byomlab.llm.ToolCallDelta;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One streamed completion as server-sent events, written straight to the servlet response: each text delta the
 * provider sends is written and flushed as a {@code chat.completion.chunk} at once, on the request's thread, which
 * reads the provider's stream too (so a slow client slows only its own upstream read). Nothing is sent before the
 * first delta, so an upstream failure that comes first still gets a proper HTTP status. Tool calls stream the same
 * way, as OpenAI sends them: a first chunk with the call's index, id, type and name, then its arguments piece by
 * piece as they arrive from upstream (whole in one piece from a provider that sends them whole). The finish reason
 * and the usage chunk follow when the upstream answer is complete, then {@code data: [DONE]}.
 *
 * <p>Once a chunk is out, a retry would stream a second answer after part of the first: the first retry after that
 * point interrupts the call instead, and the stream ends with an error event. For the same reason a stream moves to
 * the next credential of a fallback order only before its first byte ({@link #answerStarted()}). A client that goes away interrupts the
 * call too, which aborts the upstream request.
 */
final class CompletionStream implements CallListener {

    private final HttpServletResponse response;
    private final CallRoute asked;
    private CallRoute current;
    private final List<Fallback> moves = new ArrayList<>();
    private CompletionResponses chunks;
    private final boolean includeUsage;
    private final Map<String, String> ourLimit;
    private final Thread caller = Thread.currentThread();
    private boolean started;
    private boolean clientGone;
    private volatile ProviderError brokenBy;

    /** @param ourLimit the {@code RateLimit-*} headers of our gateway limit, sent only once the answer starts */
    CompletionStream(HttpServletResponse response, CallRoute route, boolean includeUsage,
                     Map<String, String> ourLimit) {
        this.response = response;
        this.asked = route;
        this.current = route;
        this.chunks = new CompletionResponses(route.model());
        this.includeUsage = includeUsage;
        this.ourLimit = ourLimit;
    }

    /**
     * The call moves to the next credential of its fallback order: only ever before the first byte (the pipeline
     * asks {@link #answerStarted()} first), so the chunks and headers to come name the model that streams.
     */
    @Override
    public synchronized void onFallback(Fallback fallback) {
        moves.add(fallback);
        current = fallback.to();
        chunks = new CompletionResponses(current.model());
    }

    @Override
    public boolean answerStarted() {
        return started();
    }

    @Override
    public synchronized void onPartialText(String delta) {
        send(chunks.textChunk(delta, includeUsage));
    }

    /** Every tool call of the answer comes this way before {@link #finish} (LlmChat's promise). */
    @Override
    public synchronized void onPartialToolCall(ToolCallDelta delta) {
        if (delta.first()) {
            send(chunks.toolCallStartChunk(delta.index(), delta.id(), delta.name(), includeUsage));
        }
        send(chunks.toolArgumentsChunk(delta.index(), delta.arguments(), includeUsage));
    }

    /** Called on the calling thread, before LlmChat's backoff wait: interrupting it ends that wait at once. */
    @Override
    public void onRetry(int nextAttempt, ProviderError error, Duration wait) {
        if (started()) {
            brokenBy = error;
            Thread.currentThread().interrupt();
        }
    }

    synchronized boolean started() {
        return started;
    }

    /** The upstream error that ended a stream after its first chunk; null otherwise. */
    ProviderError brokenBy() {
        return brokenBy;
    }

    synchronized void finish(ChatTurn turn) {
        send(chunks.finishChunk(turn.finishReason(), includeUsage));
        if (includeUsage) {
            send(chunks.usageChunk(turn.usage()));
        }
        sendData("[DONE]");
    }

    /** An error after the stream began: OpenAI's in-stream error event, which the SDKs raise as an API error. */
    synchronized void fail(GatewayError error) {
        sendData(GatewayJson.error(error));
    }

    private void send(String chunk) {
        if (!started) {
            started = true;
            response.setStatus(200);
            response.setContentType("text/event-stream");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no"); // reverse proxies must not buffer the stream either
            ourLimit.forEach(response::setHeader);
            FallbackHeaders.write(response, asked, current, moves);
            sendData(chunks.roleChunk(includeUsage));
        }
        sendData(chunk);
    }

    private void sendData(String data) {
        if (clientGone) {
            return;
        }
        try {
            var out = response.getOutputStream();
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException | RuntimeException e) {
            clientGone = true;
            caller.interrupt(); // aborts the upstream call (LlmChat watches for it): nobody is listening any more
        }
    }
}
