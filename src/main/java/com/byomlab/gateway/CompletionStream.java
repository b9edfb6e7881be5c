package com.byomlab.gateway;

import com.byomlab.llm.ChatListener;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.ProviderError;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One streamed completion as server-sent events, written straight to the servlet response: each text delta the
 * provider sends is written and flushed as a {@code chat.completion.chunk} at once, on the request's thread, which
 * reads the provider's stream too (so a slow client slows only its own upstream read). Nothing is sent before the
 * first delta, so an upstream failure that comes first still gets a proper HTTP status. Tool calls, the finish reason and the usage
 * chunk follow when the upstream answer is complete, then {@code data: [DONE]}.
 *
 * <p>Once a chunk is out, a retry would stream a second answer after part of the first: the first retry after that
 * point interrupts the call instead, and the stream ends with an error event. A client that goes away interrupts the
 * call too, which aborts the upstream request.
 */
final class CompletionStream implements ChatListener {

    private final HttpServletResponse response;
    private final CompletionResponses chunks;
    private final boolean includeUsage;
    private final Map<String, String> ourLimit;
    private final Thread caller = Thread.currentThread();
    private boolean started;
    private boolean clientGone;
    private volatile ProviderError brokenBy;

    /** @param ourLimit the {@code RateLimit-*} headers of our gateway limit, sent only once the answer starts */
    CompletionStream(HttpServletResponse response, CompletionResponses chunks, boolean includeUsage,
                     Map<String, String> ourLimit) {
        this.response = response;
        this.chunks = chunks;
        this.includeUsage = includeUsage;
        this.ourLimit = ourLimit;
    }

    @Override
    public synchronized void onPartialText(String delta) {
        send(chunks.textChunk(delta, includeUsage));
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
        List<ToolExecutionRequest> calls = CompletionResponses.toolCalls(turn);
        for (int i = 0; i < calls.size(); i++) {
            send(chunks.toolCallChunk(i, calls.get(i), includeUsage));
        }
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
