package com.byomlab.gateway;

import com.byomlab.calls.CallRoute;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.ToolCallDelta;
import jakarta.servlet.http.HttpServletResponse;

import java.nio.charset.StandardCharsets;
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
final class CompletionStream extends EventStreamAnswer {

    private CompletionResponses chunks;
    private final boolean includeUsage;

    /** @param ourLimit the {@code RateLimit-*} headers of our gateway limit, sent only once the answer starts */
    CompletionStream(HttpServletResponse response, CallRoute route, boolean includeUsage,
                     Map<String, String> ourLimit) {
        super(response, route, ourLimit);
        this.chunks = new CompletionResponses(route.model());
        this.includeUsage = includeUsage;
    }

    @Override
    void routeChanged(CallRoute route) {
        chunks = new CompletionResponses(route.model());
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
        if (open()) {
            sendData(chunks.roleChunk(includeUsage));
        }
        sendData(chunk);
    }

    private void sendData(String data) {
        write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
}
