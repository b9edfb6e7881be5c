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

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private CompletionResponses chunks;
    private final boolean includeUsage;
    /** Every event of the stream is built here in turn, under this object's lock. */
    private final EventBuffer event = new EventBuffer();

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
        chunks.textChunk(start(), delta, includeUsage);
        send();
    }

    /** Every tool call of the answer comes this way before {@link #finish} (LlmChat's promise). */
    @Override
    public synchronized void onPartialToolCall(ToolCallDelta delta) {
        if (delta.first()) {
            chunks.toolCallStartChunk(start(), delta.index(), delta.id(), delta.name(), includeUsage);
            send();
        }
        chunks.toolArgumentsChunk(start(), delta.index(), delta.arguments(), includeUsage);
        send();
    }

    synchronized void finish(ChatTurn turn) {
        chunks.finishChunk(start(), turn.finishReason(), includeUsage);
        send();
        if (includeUsage) {
            chunks.usageChunk(start(), turn.usage());
            send();
        }
        event.clear().raw(DONE);
        write(event);
    }

    /** An error after the stream began: OpenAI's in-stream error event, which the SDKs raise as an API error. */
    synchronized void fail(GatewayError error) {
        event.clear().raw(DATA).raw(GatewayJson.error(error).getBytes(StandardCharsets.UTF_8)).raw(END);
        write(event);
    }

    /**
     * The event buffer, emptied and framed for the next chunk. The first chunk of the stream goes out behind the
     * role chunk, which is built in the buffer too: so a chunk is built only once the role chunk is sent.
     */
    private EventBuffer start() {
        if (open()) {
            chunks.roleChunk(event.clear().raw(DATA), includeUsage);
            write(event.raw(END));
        }
        return event.clear().raw(DATA);
    }

    private void send() {
        write(event.raw(END));
    }
}
