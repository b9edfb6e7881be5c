package com.byomlab.llm.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ChatListener;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.EmbeddingAnswer;
import com.byomlab.llm.EmbeddingCall;
import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import com.byomlab.llm.internal.http.CallAbort;
import com.byomlab.llm.internal.http.CallScope;
import com.byomlab.llm.internal.http.CallWatchdog;
import com.byomlab.llm.internal.http.ProviderHttpClients;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

/**
 * Runs one attempt of a chat call on the caller's thread (streams too: our HTTP client reads them there). An
 * interrupt or the call timeout aborts the connection within a watchdog tick instead of waiting for a socket
 * timeout, and the attempt then throws InterruptedException or reports a timeout.
 */
public final class ChatAttempts {

    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The HTTP layer's own timers should fire first; ours is the backstop (streams are read-timeout bound). */
    private static final long WAIT_GRACE_MS = 250;
    /**
     * A usage object in a stream event: OpenAI's final chunk {@code "usage":{...}} (other chunks say
     * {@code "usage":null}), Anthropic's {@code message_start}/{@code message_delta} usage, Gemini's usageMetadata.
     */
    private static final String[] USAGE_KEYS = {"\"usage\"", "\"usageMetadata\""};

    /** Distinct (provider, endpoint, model, streamed) combinations kept built; the rest are rebuilt when used. */
    private static final int MAX_MODELS = 1_000;

    private final ProviderHttpClients http;
    private final ChatModels models;
    private final ProviderErrorMapper errors;
    private final Duration callTimeout;

    public ChatAttempts(ProviderHttpClients http, Duration callTimeout) {
        this.http = http;
        this.callTimeout = callTimeout;
        this.models = new ChatModels(http, callTimeout, MAX_CONNECT_TIMEOUT, MAX_MODELS);
        this.errors = new ProviderErrorMapper(callTimeout);
    }

    /** Exactly one of {@code turn} and {@code failure} is set. */
    public record Outcome(ChatTurn turn, ChatFailure failure) {
    }

    public Outcome run(Provider provider, Endpoint endpoint, String model, ApiKey key, ChatRequest request,
            boolean stream, ChatListener listener, int attempt) throws InterruptedException {
        CallAbort abort = new CallAbort();
        // LangChain4j fills counters it never received with zeros (Anthropic streams): decide "reported" from the wire.
        AtomicBoolean usageOnTheWire = new AtomicBoolean();
        AtomicBoolean anyEvent = new AtomicBoolean();
        Consumer<String> observer = !stream ? null : data -> {
            anyEvent.set(true);
            if (!usageOnTheWire.get() && holdsUsageObject(data)) {
                usageOnTheWire.set(true);
            }
        };
        ProviderDriver driver = Drivers.of(provider);
        Map<String, String> keyHeaders = driver.keyHeaders(key);
        CompletableFuture<ChatResponse> result = new CompletableFuture<>();
        AtomicBoolean live = new AtomicBoolean(true);
        // the handler passes pieces on only while the attempt is live; finish() below runs on this thread
        ToolCallStream tools = !stream ? null : new ToolCallStream(listener::onPartialToolCall);
        long started = System.nanoTime();
        Throwable failure = null;
        // The call runs on this thread; the watchdog aborts it when this thread is interrupted or the backstop passes.
        try (CallWatchdog.Watch watch = http.watchdog().watch(Thread.currentThread(),
                callTimeout.plusMillis(WAIT_GRACE_MS), abort::abort)) {
            try {
                if (stream) {
                    StreamingChatModel streaming = models.streaming(provider, endpoint, model);
                    try (CallScope scope = CallScope.enter(key, keyHeaders, abort, observer)) {
                        streaming.chat(request, new Handler(result, live, listener, tools));
                    }
                } else {
                    ChatModel blocking = models.blocking(provider, endpoint, model);
                    try (CallScope scope = CallScope.enter(key, keyHeaders, abort, null)) {
                        result.complete(blocking.chat(request));
                    }
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
            ChatResponse response = null;
            try {
                // Our client reads streams on this thread too, so the handler has been told by now; the wait is for
                // a model that reads on another thread, bounded by the same backstop.
                long left = callTimeout.toMillis() + WAIT_GRACE_MS
                        - Duration.ofNanos(System.nanoTime() - started).toMillis();
                response = result.get(Math.max(left, 1), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (java.util.concurrent.TimeoutException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // answered below, with an interrupt that came during the call
            } finally {
                live.set(false);
            }
            if (Thread.interrupted()) { // whatever the call ended with, it was (or is now) aborted for the interrupt
                abort.abort();
                throw new InterruptedException();
            }
            if (failure == null) {
                if (stream && !anyEvent.get()) {
                    // a 200 whose body held no SSE event at all (e.g. a truncated JSON body): no answer, not an empty one
                    failure = new MalformedProviderResponseException("a stream without any event");
                } else {
                    long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
                    if (tools != null && response.aiMessage() != null) {
                        // the listener gets what the final answer holds beyond what it got; id-less calls keep theirs
                        response = response.toBuilder().aiMessage(tools.finish(response.aiMessage())).build();
                    }
                    ChatTurn turn = ChatResponses.toTurn(response, driver.usage(response), latency, attempt);
                    if (stream && !usageOnTheWire.get()) {
                        turn = new ChatTurn(turn.message(), TokenCounts.notReported(), turn.finishReason(), latency,
                                attempt, turn.responseModel());
                    }
                    return new Outcome(turn, null);
                }
            } else if (watch.fired() || failure instanceof java.util.concurrent.TimeoutException) {
                abort.abort();
                failure = new TimeoutException("no answer within the call timeout");
            }
        }
        return new Outcome(null, errors.classifyChat(provider, failure, endpoint, model));
    }

    /**
     * Whether an event's data holds {@code "usage"} or {@code "usageMetadata"}, then a colon and an object (white
     * space allowed between): a scan instead of a regex, which cost a Matcher per event.
     */
    static boolean holdsUsageObject(String data) {
        for (String key : USAGE_KEYS) {
            for (int at = data.indexOf(key); at >= 0; at = data.indexOf(key, at + 1)) {
                int i = skipSpace(data, at + key.length());
                if (i < data.length() && data.charAt(i) == ':') {
                    i = skipSpace(data, i + 1);
                    if (i < data.length() && data.charAt(i) == '{') {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Past the white space (what a regex's \s matches) from {@code i}. */
    private static int skipSpace(String text, int i) {
        while (i < text.length() && switch (text.charAt(i)) {
            case ' ', '\t', '\n', '\u000B', '\f', '\r' -> true;
            default -> false;
        }) {
            i++;
        }
        return i;
    }

    /** Exactly one of {@code answer} and {@code failure} is set. */
    public record EmbeddingOutcome(EmbeddingAnswer answer, ChatFailure failure) {
    }

    /**
     * One attempt of an embeddings call, on this thread, bounded and aborted like a chat attempt. The model is built
     * for this call ({@link ProviderDriver#embeddings}) and dropped with it.
     */
    public EmbeddingOutcome embed(Provider provider, Endpoint endpoint, EmbeddingCall call, ApiKey key, int attempt)
            throws InterruptedException {
        CallAbort abort = new CallAbort();
        ProviderDriver driver = Drivers.of(provider);
        long started = System.nanoTime();
        Throwable failure;
        try (CallWatchdog.Watch watch = http.watchdog().watch(Thread.currentThread(),
                callTimeout.plusMillis(WAIT_GRACE_MS), abort::abort)) {
            try (CallScope scope = CallScope.enter(key, driver.keyHeaders(key), abort, null)) {
                EmbeddingModel model = driver.embeddings(models.spec(endpoint, call.model()), call.dimensions(), key);
                Response<List<Embedding>> response = model.embedAll(call.inputs().stream().map(TextSegment::from)
                        .toList());
                if (Thread.interrupted()) {
                    abort.abort();
                    throw new InterruptedException();
                }
                List<Embedding> embeddings = response == null ? null : response.content();
                if (embeddings == null || embeddings.size() != call.inputs().size()) {
                    throw new MalformedProviderResponseException("not one embedding per input");
                }
                long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
                return new EmbeddingOutcome(new EmbeddingAnswer(embeddings.stream().map(Embedding::vector).toList(),
                        embeddingUsage(driver.usage(response.tokenUsage())), latency, attempt), null);
            } catch (RuntimeException e) {
                if (Thread.interrupted()) {
                    abort.abort();
                    throw new InterruptedException();
                }
                failure = watch.fired() ? new TimeoutException("no answer within the call timeout") : e;
            }
        }
        return new EmbeddingOutcome(null, errors.classifyChat(provider, failure, endpoint, call.model()));
    }

    /** An embedding spends input tokens only: output is 0, so the call can be priced from its input alone. */
    private static TokenCounts embeddingUsage(TokenCounts reported) {
        if (!reported.reported() || reported.input() == null) {
            return TokenCounts.notReported();
        }
        return new TokenCounts(reported.input(), 0, null, null, null, true);
    }

    /** Forwards text deltas and tool call pieces while the attempt is live; the first terminal signal settles it. */
    private static final class Handler implements StreamingChatResponseHandler {
        private final CompletableFuture<ChatResponse> result;
        private final AtomicBoolean live;
        private final ChatListener listener;
        private final ToolCallStream tools;

        Handler(CompletableFuture<ChatResponse> result, AtomicBoolean live, ChatListener listener,
                ToolCallStream tools) {
            this.result = result;
            this.live = live;
            this.listener = listener;
            this.tools = tools;
        }

        @Override
        public void onPartialResponse(String delta) {
            if (live.get() && !result.isDone() && delta != null && !delta.isEmpty()) {
                try {
                    listener.onPartialText(delta);
                } catch (RuntimeException ignored) {
                    // a listener's bug must not break the call (documented on ChatListener)
                }
            }
        }

        @Override
        public void onPartialToolCall(PartialToolCall call) {
            if (live.get() && !result.isDone() && call != null) {
                tools.partial(call.index(), call.id(), call.name(), call.partialArguments());
            }
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall call) {
            if (live.get() && !result.isDone() && call != null) {
                tools.complete(call.index(), call.toolExecutionRequest());
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            result.complete(response);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }
    }
}
