package com.byomlab.gateway;

import com.byomlab.calls.CallRoute;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.ToolCallDelta;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.List;
import java.util.Map;

/**
 * A translated answer streamed in Anthropic's event sequence, written straight to the servlet response on the
 * request's thread: {@code message_start}, {@code ping}, a text block ({@code content_block_start},
 * {@code text_delta}s as the provider sends them, {@code content_block_stop}), then one {@code tool_use} block per
 * tool call with its arguments as {@code input_json_delta}s as they arrive, then {@code message_delta} with the stop reason
 * ({@code tool_use} after tool calls, {@code end_turn}, {@code max_tokens}) and the usage, and {@code message_stop}.
 *
 * <p>Nothing is sent before the first text delta (or the whole answer), so an upstream failure that comes first
 * still gets a proper HTTP status and can move to the next credential of a fallback order. Once the stream began, a
 * retry would send a second answer after part of the first: the call is interrupted instead and the stream ends with
 * an {@code error} event. A client that goes away interrupts the call, which aborts the upstream request.
 */
final class MessagesStream extends EventStreamAnswer {

    private MessagesResponses events;
    private int index = -1;
    private boolean textOpen;
    /** The provider's index of the tool call whose block is open, or -1. */
    private int toolOpen = -1;
    private boolean toolsStreamed;

    MessagesStream(HttpServletResponse response, CallRoute route, Map<String, String> ourLimit) {
        super(response, route, ourLimit);
        this.events = new MessagesResponses(route.model());
    }

    @Override
    void routeChanged(CallRoute route) {
        events = new MessagesResponses(route.model());
    }

    @Override
    public synchronized void onPartialText(String delta) {
        start();
        closeTool();
        if (!textOpen) {
            index++;
            textOpen = true;
            send(events.textStart(index));
        }
        send(events.textDelta(index, delta));
    }

    /** A piece of a tool call's arguments: its tool_use block opens on its first piece, each piece goes at once. */
    @Override
    public synchronized void onPartialToolCall(ToolCallDelta delta) {
        start();
        closeText();
        if (toolOpen != delta.index()) {
            closeTool();
            index++;
            toolOpen = delta.index();
            toolsStreamed = true;
            send(events.toolUseStart(index, delta.id(), delta.name()));
        }
        send(events.inputJsonDelta(index, delta.arguments()));
    }

    private void closeText() {
        if (textOpen) {
            send(events.blockStop(index));
            textOpen = false;
        }
    }

    private void closeTool() {
        if (toolOpen >= 0) {
            send(events.blockStop(index));
            toolOpen = -1;
        }
    }

    /** The rest of the answer once the provider's is complete: open blocks closed, tool calls, stop, usage. */
    synchronized void finish(ChatTurn turn) {
        start();
        String text = turn.message().text();
        if (!textOpen && text != null && !text.isEmpty()) { // a provider that sent the text whole
            index++;
            textOpen = true;
            send(events.textStart(index));
            send(events.textDelta(index, text));
        }
        closeText();
        closeTool();
        if (!toolsStreamed) { // every provider streams its tool calls (ChatListener): this is a safety net only
            for (ToolExecutionRequest call : turn.message().hasToolExecutionRequests()
                    ? turn.message().toolExecutionRequests() : List.<ToolExecutionRequest>of()) {
                index++;
                send(events.toolUseStart(index, call.id(), call.name()));
                send(events.inputJsonDelta(index, CompletionResponses.compact(call.arguments())));
                send(events.blockStop(index));
            }
        }
        send(events.messageDelta(turn.finishReason(), turn.usage()));
        send(events.messageStop());
    }

    /** An error after the stream began: Anthropic's in-stream {@code error} event. */
    synchronized void fail(GatewayError error) {
        write(AnthropicErrors.event(error));
    }

    private void start() {
        if (open()) {
            send(events.messageStart());
            send(events.ping());
        }
    }

    private void send(byte[] event) {
        write(event);
    }
}
