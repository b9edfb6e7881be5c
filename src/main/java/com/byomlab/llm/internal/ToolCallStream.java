package com.byomlab.llm.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.byomlab.llm.ToolCallDelta;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;

/**
 * The tool calls of one streamed attempt, passed on as {@link ToolCallDelta}s as they arrive, so that what a listener
 * got always adds up to the final answer's tool calls:
 * <ul>
 * <li>providers number calls their own way (OpenAI's wire index, Anthropic's count from 0, Bedrock's content block
 * index): a call's {@code index} here is its position in the answer, in order of first appearance;</li>
 * <li>a call with no id (Gemini) gets one at first sight, and the final answer gets the same one ({@link #finish});</li>
 * <li>arguments a provider delivered only whole (Gemini; an OpenAI call without argument chunks) go out whole when
 * the call completes; anything the final answer holds beyond what went out goes out before the answer returns;</li>
 * <li>LangChain4j's Anthropic client repeats an empty input {@code "{}"} as a piece at the block's end even when the
 * pieces already said {@code {} }: not passed on twice.</li>
 * </ul>
 * Pieces are held back only while a call has no name yet (OpenAI-compatible servers that send it late).
 */
final class ToolCallStream {

    private static final Logger log = LoggerFactory.getLogger(ToolCallStream.class);

    private static final class Call {
        final int index;
        String id;
        String name;
        final StringBuilder sent = new StringBuilder();
        final StringBuilder held = new StringBuilder();

        Call(int index) {
            this.index = index;
        }

        String known() {
            return sent.toString() + held;
        }
    }

    private final Consumer<ToolCallDelta> out;
    private final Map<Integer, Call> byProviderIndex = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();

    ToolCallStream(Consumer<ToolCallDelta> out) {
        this.out = out;
    }

    /** A piece as the provider's client reported it. */
    synchronized void partial(int providerIndex, String id, String name, String piece) {
        Call call = byProviderIndex.computeIfAbsent(providerIndex, i -> newCall());
        learn(call, id, name);
        if (piece == null || piece.isEmpty()) {
            return;
        }
        if (piece.equals("{}") && call.known().equals("{}")) {
            return; // LangChain4j's Anthropic client repeating an empty input at the block's end
        }
        call.held.append(piece);
        flush(call);
    }

    /** A call the provider's client reports complete: whatever of its arguments has not gone out, goes now. */
    synchronized void complete(int providerIndex, ToolExecutionRequest request) {
        if (request == null) {
            return;
        }
        Call call = byProviderIndex.computeIfAbsent(providerIndex, i -> newCall());
        learn(call, request.id(), request.name());
        catchUp(call, request.arguments());
    }

    /**
     * The final answer, with the ids that went out on its id-less calls; whatever its calls hold beyond what went
     * out goes out now (a call is matched by id, else by position).
     */
    synchronized AiMessage finish(AiMessage message) {
        if (message == null || !message.hasToolExecutionRequests()) {
            return message;
        }
        List<ToolExecutionRequest> requests = message.toolExecutionRequests();
        List<ToolExecutionRequest> withIds = new ArrayList<>(requests.size());
        boolean changed = false;
        for (int position = 0; position < requests.size(); position++) {
            ToolExecutionRequest request = requests.get(position);
            Call call = match(request, position);
            learn(call, request.id(), request.name());
            catchUp(call, request.arguments());
            if (blank(request.id()) && call.id != null) {
                request = request.toBuilder().id(call.id).build();
                changed = true;
            }
            withIds.add(request);
        }
        return changed ? message.toBuilder().toolExecutionRequests(withIds).build() : message;
    }

    private Call match(ToolExecutionRequest request, int position) {
        if (!blank(request.id())) {
            for (Call call : calls) {
                if (request.id().equals(call.id)) {
                    return call;
                }
            }
        }
        if (position < calls.size()) {
            Call call = calls.get(position);
            if (blank(request.id()) || call.id == null || call.id.equals(request.id())) {
                return call;
            }
        }
        Call call = new Call(position);
        calls.add(call);
        return call;
    }

    private Call newCall() {
        Call call = new Call(calls.size());
        calls.add(call);
        return call;
    }

    private static void learn(Call call, String id, String name) {
        // once a piece is out, its id and name stay what the listener was told
        if (call.sent.isEmpty()) {
            if (!blank(id)) {
                call.id = id;
            }
            if (!blank(name)) {
                call.name = name;
            }
        }
    }

    private void catchUp(Call call, String arguments) {
        String whole = arguments == null || arguments.isEmpty() ? "{}" : arguments;
        String known = call.known();
        if (whole.startsWith(known)) {
            call.held.append(whole, known.length(), whole.length());
        } else if (!whole.equals(known)) {
            // cannot take back what went out; the final answer still holds the provider's arguments
            log.debug("streamed tool arguments differ from the final ones (call {})", call.index);
        }
        if (call.name == null) {
            call.name = "";
        }
        flush(call);
    }

    private void flush(Call call) {
        if (call.held.isEmpty() || call.name == null) {
            return;
        }
        if (call.id == null) {
            call.id = "call_" + UUID.randomUUID().toString().replace("-", "");
        }
        boolean first = call.sent.isEmpty();
        String piece = call.held.toString();
        call.sent.append(piece);
        call.held.setLength(0);
        try {
            out.accept(new ToolCallDelta(call.index, call.id, call.name, piece, first));
        } catch (RuntimeException ignored) {
            // a listener's bug must not break the call (documented on ChatListener)
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
