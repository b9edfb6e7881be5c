package com.byomlab.llm.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.ErrorCode;
import com.byomlab.llm.NativeApi;
import com.byomlab.llm.NativeSink;
import com.byomlab.llm.PassThrough;
import com.byomlab.llm.Provider;
import com.byomlab.llm.internal.http.CallAbort;
import com.byomlab.llm.internal.http.CallWatchdog;
import com.byomlab.llm.internal.http.ProviderHttpClients;
import com.byomlab.llm.internal.http.ProviderHttpException;
import com.byomlab.llm.internal.passthrough.SseEvents;

import dev.langchain4j.exception.TimeoutException;

/**
 * One attempt of a passed-through call, on the caller's thread: the client's body POSTed to the provider's endpoint
 * with the credential's key headers, the answer forwarded to the {@link NativeSink} as it arrives while the
 * endpoint's {@link NativeApi.Reader} reads its usage. Nothing reaches the sink before the answer is known to be a
 * success: an error status, or a stream that fails before its first content event (Anthropic's overloaded error right
 * after message_start), can still be retried or moved to another credential. Bounded like a chat attempt (the call
 * timeout, the watchdog on interrupts) and in size: a JSON answer up to {@value #MAX_JSON_BYTES} bytes, a stream up
 * to {@value #MAX_STREAM_BYTES} bytes in all.
 */
public final class PassThroughAttempts {

    static final int MAX_JSON_BYTES = 8 * 1024 * 1024;
    static final long MAX_STREAM_BYTES = 64L * 1024 * 1024;
    private static final int MAX_EVENT_BYTES = 8 * 1024 * 1024;
    private static final int MAX_ERROR_BYTES = 64 * 1024;
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final long WAIT_GRACE_MS = 250;

    private final ProviderHttpClients http;
    private final Duration callTimeout;
    private final Duration connectTimeout;
    private final ProviderErrorMapper errors;

    public PassThroughAttempts(ProviderHttpClients http, Duration callTimeout) {
        this.http = http;
        this.callTimeout = callTimeout;
        this.connectTimeout = callTimeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? callTimeout : MAX_CONNECT_TIMEOUT;
        this.errors = new ProviderErrorMapper(callTimeout);
    }

    /**
     * Exactly one of {@code turn} and {@code failure} is set; {@code started} says whether any of the answer reached
     * the sink (then the call can be neither retried nor moved). The turn has no message: the answer went to the sink.
     */
    public record Outcome(ChatTurn turn, ChatFailure failure, boolean started) {
    }

    /** Where the request goes: the endpoint's root (the operator's or user's base URL, else the provider's). */
    public static String url(Provider provider, Endpoint endpoint, NativeApi api) {
        String root = endpoint.baseUrl() != null ? endpoint.baseUrl() : Drivers.of(provider).nativeApiRoot();
        if (root == null) {
            throw new BadBaseUrlException(provider.displayName() + " has no API root for " + api.path());
        }
        return root + "/" + api.path();
    }

    /** @param url from {@link #url}; {@code body} the request's, its model set to the one that runs */
    public Outcome run(Provider provider, Endpoint endpoint, String url, String model, ApiKey key, PassThrough request,
            byte[] body, NativeSink sink, int attempt) throws InterruptedException {
        ProviderDriver driver = Drivers.of(provider);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(request.api().defaultHeaders());
        headers.putAll(request.headers());
        headers.putAll(driver.keyHeaders(key)); // the credential's key, never the client's own credentials
        NativeApi.Reader reader = request.api().reader();
        Answer answer = new Answer(reader, sink);
        CallAbort abort = new CallAbort();
        long started = System.nanoTime();
        Throwable failure = null;
        boolean timedOut;
        try (CallWatchdog.Watch watch = http.watchdog().watch(Thread.currentThread(),
                callTimeout.plusMillis(WAIT_GRACE_MS), abort::abort)) {
            try {
                http.raw(endpoint.userSupplied()).post(url, headers, body, abort,
                        connectTimeout, callTimeout, answer::read);
            } catch (RuntimeException e) {
                failure = e;
            }
            timedOut = watch.fired();
        }
        if (Thread.interrupted()) {
            abort.abort();
            throw new InterruptedException();
        }
        if (failure == null && answer.failure == null && answer.problem == null && answer.streamError == null) {
            long latency = Duration.ofNanos(System.nanoTime() - started).toMillis();
            return new Outcome(new ChatTurn(null, reader.usage(), reader.stopReason(), latency, attempt), null,
                    answer.started);
        }
        ChatFailure classified;
        if (answer.streamError != null) {
            classified = errors.streamError(provider, answer.streamError);
        } else if (answer.problem != null) {
            classified = errors.unusableAnswer(provider, answer.problem);
        } else {
            Throwable cause = failure != null ? failure : answer.failure;
            if (timedOut) {
                cause = new TimeoutException("no answer within the call timeout");
            }
            classified = errors.classifyChat(provider, cause, endpoint, model);
        }
        return new Outcome(null, classified, answer.started);
    }

    /** Reads one answer into the sink; what went wrong is kept for classification, never thrown at the client. */
    private static final class Answer {
        private final NativeApi.Reader reader;
        private final NativeSink sink;
        private boolean started;
        private RuntimeException failure;
        private String problem;
        private ErrorCode streamError;

        Answer(NativeApi.Reader reader, NativeSink sink) {
            this.reader = reader;
            this.sink = sink;
        }

        void read(int status, Map<String, List<String>> headers, String contentType, InputStream in)
                throws IOException {
            if (status < 200 || status >= 300) {
                failure = new ProviderHttpException(status, headers,
                        new String(in.readNBytes(MAX_ERROR_BYTES), StandardCharsets.UTF_8));
                return;
            }
            if (contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                stream(status, contentType, in);
            } else {
                json(status, contentType, in);
            }
        }

        private void json(int status, String contentType, InputStream in) throws IOException {
            byte[] bytes = in.readNBytes(MAX_JSON_BYTES + 1);
            if (bytes.length > MAX_JSON_BYTES) {
                problem = "an answer larger than " + MAX_JSON_BYTES / (1024 * 1024) + " MiB";
                return;
            }
            reader.body(new String(bytes, StandardCharsets.UTF_8));
            start(status, contentType.isEmpty() ? "application/json" : contentType);
            sink.onBytes(bytes);
        }

        private void stream(int status, String contentType, InputStream in) throws IOException {
            SseEvents events = new SseEvents(in, MAX_EVENT_BYTES);
            List<byte[]> held = new ArrayList<>();
            long total = 0;
            boolean any = false;
            try {
                for (SseEvents.Event event = events.next(); event != null; event = events.next()) {
                    any = true;
                    total += event.raw().length;
                    if (total > MAX_STREAM_BYTES) {
                        problem = "a stream larger than " + MAX_STREAM_BYTES / (1024 * 1024) + " MiB";
                        return;
                    }
                    NativeApi.Event kind = reader.event(event.name(), event.data());
                    if (kind == NativeApi.Event.ERROR) {
                        streamError = reader.streamError();
                        return;
                    }
                    if (kind == NativeApi.Event.PREAMBLE && !started) {
                        held.add(event.raw());
                        continue;
                    }
                    if (!started) {
                        start(status, contentType);
                        held.forEach(sink::onBytes);
                        held.clear();
                    }
                    sink.onBytes(event.raw());
                }
            } catch (SseEvents.EventTooLarge e) {
                problem = "a stream event larger than " + MAX_EVENT_BYTES / (1024 * 1024) + " MiB";
                return;
            }
            if (!any) {
                problem = "a stream without any event";
                return;
            }
            if (!started) {
                start(status, contentType);
                held.forEach(sink::onBytes);
            }
        }

        private void start(int status, String contentType) {
            started = true;
            sink.onStart(status, contentType);
        }
    }
}
