package com.byomlab.llm.internal.http;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import com.byomlab.llm.ApiKey;

/**
 * What belongs to one LLM call when the LangChain4j model that makes it is shared by many calls: the key's
 * header, the abort handle and the stream observer. LangChain4j builds the HTTP request and hands it to our
 * client on the thread that called the model, so the call's settings travel with that thread for the duration of
 * {@code model.chat(...)}; the client reads them when the request starts ({@link GuardedHttpClientBuilder#perCall()}).
 *
 * <pre>try (CallScope scope = CallScope.enter(headers, abort, observer)) { model.chat(request, handler); }</pre>
 */
public final class CallScope implements AutoCloseable {

    private static final ThreadLocal<CallScope> CURRENT = new ThreadLocal<>();

    private final ApiKey key;
    private final Map<String, String> headers;
    private final CallAbort abort;
    private final Consumer<String> eventObserver;
    private final CallScope outer;

    private CallScope(ApiKey key, Map<String, String> headers, CallAbort abort, Consumer<String> eventObserver,
            CallScope outer) {
        this.key = key;
        this.headers = headers;
        this.abort = abort;
        this.eventObserver = eventObserver;
        this.outer = outer;
    }

    /**
     * @param headers       request headers of this call only (the key's header); sent as given, so they replace a
     *                      header of the same name that the shared model would send
     * @param eventObserver sees every server-sent event's data, or null
     */
    public static CallScope enter(Map<String, String> headers, CallAbort abort, Consumer<String> eventObserver) {
        return enter(null, headers, abort, eventObserver);
    }

    /**
     * @param key the call's key, for a provider whose SDK signs each request with it rather than sending a header
     *            (read with {@link #key()}); the caller owns and closes it
     */
    public static CallScope enter(ApiKey key, Map<String, String> headers, CallAbort abort,
            Consumer<String> eventObserver) {
        CallScope scope = new CallScope(key, Map.copyOf(headers), Objects.requireNonNull(abort, "abort"),
                eventObserver == null ? data -> { } : eventObserver, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** The headers of the call on this thread; a shared model asks for them while it builds each request. */
    public static Map<String, String> headers() {
        return require().headers;
    }

    /** The key of the call on this thread, for a shared model that signs requests itself. */
    public static ApiKey key() {
        ApiKey key = require().key;
        if (key == null) {
            throw new IllegalStateException("this call scope carries no key");
        }
        return key;
    }

    static CallScope require() {
        CallScope scope = CURRENT.get();
        if (scope == null) {
            // Never send a shared model's request without its call's key and abort handle.
            throw new IllegalStateException("a shared chat model was used outside CallScope.enter(...)");
        }
        return scope;
    }

    CallAbort abort() {
        return abort;
    }

    Consumer<String> eventObserver() {
        return eventObserver;
    }

    @Override
    public void close() {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
