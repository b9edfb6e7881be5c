package com.byomlab.gateway;

import com.byomlab.calls.CallRoute;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.ToolCallDelta;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One streamed Responses API answer as server-sent events ({@code event: <type>} and {@code data: <json>}, each
 * with its {@code sequence_number}), in the documented order: {@code response.created},
 * {@code response.in_progress}; for text {@code response.output_item.added} (a message),
 * {@code response.content_part.added}, {@code response.output_text.delta}… {@code response.output_text.done},
 * {@code response.content_part.done}, {@code response.output_item.done}; for each tool call
 * {@code response.output_item.added} (a function_call), {@code response.function_call_arguments.delta}… as the
 * provider streams the arguments, {@code response.function_call_arguments.done}, {@code response.output_item.done};
 * then {@code response.completed} (or {@code response.incomplete}) with the whole response and its usage. No
 * {@code [DONE]}: Responses streams end with their last event. One output item is open at a time: the next one (a
 * tool call after text, a second call) closes it.
 *
 * <p>Like {@link CompletionStream}: written and flushed on the request's thread as the provider's deltas arrive;
 * nothing is sent before the first delta (or the finished answer), so an upstream failure that comes first still
 * gets a plain error with its HTTP status, and a fallback order may still move on. After that a retry would stream
 * a second answer behind part of the first: the call is interrupted instead and the stream ends with
 * {@code response.failed} (what Codex reads) and an {@code error} event (what the openai SDKs raise).
 */
final class ResponseEventStream extends EventStreamAnswer {

    private final ResponseRequest request;
    private ResponseObjects objects;
    private final ArrayNode output = GatewayJson.MAPPER.createArrayNode();
    private int sequence;
    private int callsStreamed;
    private boolean textStreamed;
    // the output item being streamed: its id (null when none is open), a function call's id and name, the text or
    // arguments so far
    private String openId;
    private String openCallId;
    private String openName;
    private final StringBuilder open = new StringBuilder();

    /** @param ourLimit the {@code RateLimit-*} headers of our gateway limit, sent only once the answer starts */
    ResponseEventStream(HttpServletResponse response, CallRoute route, ResponseRequest request,
                        Map<String, String> ourLimit) {
        super(response, route, ourLimit);
        this.request = request;
        this.objects = new ResponseObjects(route.model(), request);
    }

    @Override
    void routeChanged(CallRoute route) {
        objects = new ResponseObjects(route.model(), request);
    }

    @Override
    public synchronized void onPartialText(String delta) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        if (openId == null || openCallId != null) {
            closeItem();
            openMessage();
        }
        textStreamed = true;
        open.append(delta);
        event("response.output_text.delta", textEvent().put("delta", delta).set("logprobs",
                GatewayJson.MAPPER.createArrayNode()));
    }

    /** Every tool call of the answer comes this way before {@link #finish} (LlmChat's promise), piece by piece. */
    @Override
    public synchronized void onPartialToolCall(ToolCallDelta delta) {
        if (delta.first() || openCallId == null) {
            closeItem();
            openId = ResponseObjects.newItemId("fc");
            openCallId = delta.id();
            openName = delta.name();
            callsStreamed++;
            event("response.output_item.added", GatewayJson.object().put("output_index", output.size())
                    .set("item", objects.functionCall(openId, openCallId, openName, "", "in_progress")));
        }
        open.append(delta.arguments());
        event("response.function_call_arguments.delta", GatewayJson.object().put("item_id", openId)
                .put("output_index", output.size()).put("delta", delta.arguments()));
    }

    synchronized void finish(ChatTurn turn) {
        if (!textStreamed) {
            String whole = turn.message().text(); // text that came without deltas: sent in one piece
            if (whole != null && !whole.isEmpty()) {
                onPartialText(whole);
            }
        }
        List<ToolExecutionRequest> calls = ResponseObjects.toolCalls(turn);
        for (int i = callsStreamed; i < calls.size(); i++) { // none, as LlmChat promises; whole if it broke that
            ToolExecutionRequest call = calls.get(i);
            onPartialToolCall(new ToolCallDelta(i, call.id(), call.name(),
                    CompletionResponses.compact(call.arguments()), true));
        }
        closeItem();
        ObjectNode last = objects.completed(turn, output.deepCopy());
        boolean incomplete = ResponseObjects.incompleteReason(turn.finishReason()) != null;
        event(incomplete ? "response.incomplete" : "response.completed", GatewayJson.object().set("response", last));
    }

    /**
     * An error after the stream began: {@code response.failed} with the error on the response (what Codex reads),
     * then the {@code error} event (what the openai SDKs raise as an API error).
     */
    synchronized void fail(GatewayError error) {
        event("response.failed", GatewayJson.object().set("response", objects.failed(error, output.deepCopy())));
        ObjectNode e = GatewayJson.object();
        if (error.code() == null) {
            e.putNull("code");
        } else {
            e.put("code", error.code());
        }
        e.put("message", error.getMessage());
        if (error.param() == null) {
            e.putNull("param");
        } else {
            e.put("param", error.param());
        }
        event("error", e);
    }

    private void openMessage() {
        openId = ResponseObjects.newItemId("msg");
        event("response.output_item.added", GatewayJson.object().put("output_index", output.size())
                .set("item", ResponseObjects.message(openId, null, "in_progress")));
        event("response.content_part.added", GatewayJson.object().put("item_id", openId)
                .put("output_index", output.size()).put("content_index", 0)
                .set("part", ResponseObjects.outputText("")));
    }

    /** Ends the open item with its done events; it joins the output. */
    private void closeItem() {
        if (openId == null) {
            return;
        }
        String whole = open.toString();
        ObjectNode done;
        if (openCallId == null) {
            event("response.output_text.done", textEvent().put("text", whole).set("logprobs",
                    GatewayJson.MAPPER.createArrayNode()));
            event("response.content_part.done", GatewayJson.object().put("item_id", openId)
                    .put("output_index", output.size()).put("content_index", 0)
                    .set("part", ResponseObjects.outputText(whole)));
            done = ResponseObjects.message(openId, whole, "completed");
        } else {
            event("response.function_call_arguments.done", GatewayJson.object().put("item_id", openId)
                    .put("output_index", output.size()).put("name", request.nameOf(openName)).put("arguments", whole));
            done = objects.functionCall(openId, openCallId, openName, whole, "completed");
        }
        event("response.output_item.done", GatewayJson.object().put("output_index", output.size()).set("item", done));
        output.add(done);
        openId = null;
        openCallId = null;
        openName = null;
        open.setLength(0);
    }

    private ObjectNode textEvent() {
        return GatewayJson.object().put("item_id", openId).put("output_index", output.size())
                .put("content_index", 0);
    }

    private void event(String type, ObjectNode fields) {
        if (open()) {
            ObjectNode created = objects.inProgress();
            write("response.created", GatewayJson.object().set("response", created));
            write("response.in_progress", GatewayJson.object().set("response", created));
        }
        write(type, fields);
    }

    private void write(String type, ObjectNode fields) {
        ObjectNode event = GatewayJson.object().put("type", type);
        event.setAll(fields);
        event.put("sequence_number", sequence++);
        write(("event: " + type + "\ndata: " + GatewayJson.write(event) + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
}
