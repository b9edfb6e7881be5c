package com.byomlab.llm.internal.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

/**
 * LangChain4j's {@link HttpClient} over a pooled Apache HttpClient 5. Which addresses it may reach is decided
 * by the pool it is given (see {@link ProviderHttpClients}); this class adds per-request timeouts, an
 * optional whole-call budget (a connection that trickles bytes cannot outlive it), bounded bodies, and error
 * types that never carry the provider's error text in their message. No redirects, no retries: those are
 * the caller's policy.
 */
final class GuardedHttpClient implements HttpClient {

    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;
    private static final String JSON_UTF8 = ContentType.APPLICATION_JSON.toString();

    private final CloseableHttpClient apache;
    private final CallWatchdog watchdog;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final Instant deadline;
    /** Null for a per-call client: then both come from the {@link CallScope} of the request's thread. */
    private final CallAbort abort;
    private final java.util.function.Consumer<String> eventObserver;
    /** The request settings of a call bounded by the call timeout alone, and of one without a budget (streams). */
    private final RequestConfig callConfig;
    private final RequestConfig openConfig;

    GuardedHttpClient(CloseableHttpClient apache, CallWatchdog watchdog, Duration connectTimeout, Duration readTimeout,
            Duration callTimeout, Instant deadline, CallAbort abort, java.util.function.Consumer<String> eventObserver) {
        this.apache = apache;
        this.watchdog = watchdog;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.callTimeout = callTimeout;
        this.deadline = deadline;
        this.abort = abort;
        this.eventObserver = eventObserver;
        this.callConfig = config(callTimeout);
        this.openConfig = config(null);
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        Duration budget = remainingBudget();
        if (budget != null && (budget.isZero() || budget.isNegative())) {
            throw new TimeoutException("no time left for the provider call");
        }
        CallAbort abort = abort();
        HttpUriRequestBase apacheRequest = toApache(request);
        // cancelling closes the connection, so a blocked read returns at once
        CallWatchdog.Watch alarm = budget == null ? null : watchdog.watch(null, budget, apacheRequest::cancel);
        BufferedResponse response;
        abort.register(apacheRequest);
        try {
            response = apache.execute(apacheRequest, context(budget), GuardedHttpClient::buffer);
        } catch (IOException | RuntimeException e) {
            throw translate(e, alarm != null && alarm.fired());
        } finally {
            abort.unregister(apacheRequest);
            if (alarm != null) {
                alarm.close();
            }
        }
        if (!response.isSuccessful()) {
            throw new ProviderHttpException(response.status(), response.headers(), response.text());
        }
        return new DecodedResponse(SuccessfulHttpResponse.builder()
                .statusCode(response.status())
                .headers(response.headers())
                .body(response.bytes()), response.text());
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventListener listener) {
        execute(request, SseParser.INSTANCE, listener);
    }

    /**
     * Reads the stream on the calling thread and returns when it has ended, the listener told. LangChain4j's own
     * clients return at once and read on another thread; its models only wait for the listener, so both work, and
     * this way a call costs no thread hand-off and its deltas reach the caller on the caller's thread.
     */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        if (parser.getClass() == DefaultServerSentEventParser.class) {
            parser = SseParser.INSTANCE; // the same events, without its 24 KB of reader buffers per stream
        }
        CallAbort abort = abort();
        java.util.function.Consumer<String> observer = observer();
        HttpUriRequestBase apacheRequest = toApache(request);
        abort.register(apacheRequest);
        stream(apacheRequest, parser, listener, abort, observer);
    }

    /** Fixed for the client, or the one of the call on this thread (read before any work leaves the thread). */
    CallAbort abort() {
        return abort != null ? abort : CallScope.require().abort();
    }

    private void stream(HttpUriRequestBase apacheRequest, ServerSentEventParser parser, ServerSentEventListener listener,
            CallAbort abort, java.util.function.Consumer<String> observer) {
        TranslatingListener translating = new TranslatingListener(listener, observer);
        boolean readToTheEnd = false;
        try (ClassicHttpResponse response = apache.executeOpen(null, apacheRequest, context(null))) {
            Map<String, List<String>> headers = headers(response);
            int status = response.getCode();
            if (status < 200 || status >= 300) {
                HttpEntity entity = response.getEntity();
                byte[] bytes = entity == null ? null : bytes(entity, MAX_ERROR_BODY_BYTES);
                String body = bytes == null ? "" : new String(bytes, charset(entity.getContentType()));
                apacheRequest.cancel();
                quietly(() -> listener.onError(new ProviderHttpException(status, headers, body)));
                return;
            }
            quietly(() -> listener.onOpen(SuccessfulHttpResponse.builder().statusCode(status).headers(headers).build()));
            if (response.getEntity() != null) {
                AbortOnClose in = new AbortOnClose(response.getEntity().getContent(), apacheRequest);
                try (in) {
                    parser.parse(in, translating);
                }
                readToTheEnd = in.eof;
            } else {
                readToTheEnd = true;
            }
            if (!translating.failed) {
                quietly(listener::onClose);
            }
        } catch (IOException | RuntimeException e) {
            // One terminal callback only: after the parser reported a read failure, closing the aborted stream
            // can throw again ("Socket closed"), which must not overwrite the first, meaningful error.
            if (!translating.failed) {
                RuntimeException translated = translate(e, false);
                quietly(() -> listener.onError(translated));
            }
        } finally {
            if (!readToTheEnd) {
                apacheRequest.cancel();
            }
            abort.unregister(apacheRequest);
        }
    }

    /** Fixed for the client, or the one of the call on this thread. */
    java.util.function.Consumer<String> observer() {
        return eventObserver != null ? eventObserver : CallScope.require().eventObserver();
    }

    CloseableHttpClient apache() {
        return apache;
    }

    CallWatchdog watchdog() {
        return watchdog;
    }

    Duration remainingBudget() {
        Duration fromDeadline = deadline == null ? null : Duration.between(Instant.now(), deadline);
        if (callTimeout == null) {
            return fromDeadline;
        }
        return fromDeadline == null || callTimeout.compareTo(fromDeadline) < 0 ? callTimeout : fromDeadline;
    }

    HttpClientContext context(Duration budget) {
        HttpClientContext context = HttpClientContext.create();
        // the same settings call after call unless a deadline shortens the budget
        context.setRequestConfig(budget == null ? openConfig : budget.equals(callTimeout) ? callConfig : config(budget));
        return context;
    }

    @SuppressWarnings("deprecation") // per-request connect timeout: still honoured by HttpClient 5.5's exec runtime
    private RequestConfig config(Duration budget) {
        RequestConfig.Builder config = RequestConfig.custom().setRedirectsEnabled(false);
        Duration connect = min(connectTimeout, budget);
        Duration read = min(readTimeout, budget);
        if (connect != null) {
            config.setConnectTimeout(Timeout.of(connect)).setConnectionRequestTimeout(Timeout.of(connect));
        }
        if (read != null) {
            config.setResponseTimeout(Timeout.of(read));
        }
        return config.build();
    }

    private static Duration min(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) <= 0 ? a : b;
    }

    private static HttpUriRequestBase toApache(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            // Multipart is only used by LangChain4j's audio/image endpoints, which this product does not call.
            throw new UnsupportedOperationException("multipart requests are not supported");
        }
        HttpUriRequestBase apacheRequest = new HttpUriRequestBase(request.method().name(), URI.create(request.url()));
        String contentType = null;
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (header.getValue() == null) {
                continue;
            }
            for (String value : header.getValue()) {
                apacheRequest.addHeader(header.getKey(), value);
                if (header.getKey().equalsIgnoreCase("Content-Type")) {
                    contentType = value;
                }
            }
        }
        if (request.body() != null) {
            if (contentType == null || contentType.equalsIgnoreCase("application/json")) {
                apacheRequest.setEntity(new Utf8Body(request.body(), JSON_UTF8));
            } else {
                ContentType type = ContentType.parseLenient(contentType);
                if (type.getCharset() == null) {
                    type = type.withCharset(StandardCharsets.UTF_8);
                }
                apacheRequest.setEntity(StandardCharsets.UTF_8.equals(type.getCharset())
                        ? new Utf8Body(request.body(), type.toString()) : new StringEntity(request.body(), type));
            }
        }
        return apacheRequest;
    }

    private static BufferedResponse buffer(ClassicHttpResponse response) throws IOException {
        int status = response.getCode();
        boolean ok = status >= 200 && status < 300;
        HttpEntity entity = response.getEntity();
        byte[] bytes = entity == null ? null : bytes(entity, ok ? MAX_BODY_BYTES : MAX_ERROR_BODY_BYTES);
        String text = bytes == null ? "" : new String(bytes, charset(entity.getContentType()));
        return new BufferedResponse(status, headers(response), bytes, text);
    }

    /**
     * The body, read until its end or until {@code max} bytes are in (what is left is not read). As
     * {@code EntityUtils.toByteArray} but a declared length is read straight into an array of that size, without a
     * 4 KB scratch buffer and a final copy.
     */
    static byte[] bytes(HttpEntity entity, int max) throws IOException {
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return null;
            }
            long declared = entity.getContentLength();
            byte[] buffer = new byte[declared >= 0 ? (int) Math.min(declared, max) : Math.min(1024, max)];
            int length = 0;
            while (length < max) {
                if (length == buffer.length) {
                    int next = in.read(); // a declared length usually ends here, without growing the array
                    if (next < 0) {
                        break;
                    }
                    buffer = java.util.Arrays.copyOf(buffer, (int) Math.min(max, Math.max(1024L, 2L * buffer.length)));
                    buffer[length++] = (byte) next;
                    continue;
                }
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
            return length == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, length);
        }
    }

    /** The charset a Content-Type names, UTF-8 when it names none or one this JVM does not know. */
    static Charset charset(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        int at = indexOfIgnoreCase(contentType, "charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        int from = at + "charset=".length();
        int to = contentType.indexOf(';', from);
        String name = contentType.substring(from, to < 0 ? contentType.length() : to).trim();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equalsIgnoreCase("utf-8")) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) { // illegal or unsupported name
            return StandardCharsets.UTF_8;
        }
    }

    private static int indexOfIgnoreCase(String text, String part) {
        for (int i = 0; i + part.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, part, 0, part.length())) {
                return i;
            }
        }
        return -1;
    }

    static Map<String, List<String>> headers(ClassicHttpResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName(), k -> new java.util.ArrayList<>(1)).add(header.getValue());
        }
        return headers;
    }

    /** Keeps the cause (its type tells what happened) but never its message in ours. */
    static RuntimeException translate(Exception e, boolean budgetExpired) {
        if (budgetExpired) {
            return new TimeoutException("the provider did not answer in time", e);
        }
        if (e instanceof InterruptedIOException) { // socket read/connect timeouts
            return new TimeoutException("the provider did not answer in time", e);
        }
        if (e instanceof IOException) {
            return new ProviderNetworkException(e);
        }
        return (RuntimeException) e;
    }

    private static void quietly(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException ignored) {
            // A listener's failure must not break the stream bookkeeping (LangChain4j's clients do the same).
        }
    }

    /**
     * LangChain4j's response decodes its bytes again on each {@code body()} (with a regex for the charset), and it is
     * read more than once (the model, then the raw usage): this one answers the text decoded once.
     */
    private static final class DecodedResponse extends SuccessfulHttpResponse {
        private final String text;

        DecodedResponse(SuccessfulHttpResponse.Builder builder, String text) {
            super(builder);
            this.text = text;
        }

        @Override
        public String body() {
            return text;
        }
    }

    private record BufferedResponse(int status, Map<String, List<String>> headers, byte[] bytes, String text) {
        boolean isSuccessful() {
            return status >= 200 && status < 300;
        }
    }

    /** The SSE parser reports read failures itself: give the listener our exception types, as for the rest. */
    private static final class TranslatingListener implements ServerSentEventListener {
        private final ServerSentEventListener delegate;
        private final java.util.function.Consumer<String> observer;
        private volatile boolean failed;

        TranslatingListener(ServerSentEventListener delegate, java.util.function.Consumer<String> observer) {
            this.delegate = delegate;
            this.observer = observer;
        }

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            delegate.onOpen(response);
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            observe(event);
            delegate.onEvent(event, context);
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            observe(event);
            delegate.onEvent(event);
        }

        /** As {@link #quietly}, without a lambda per event. */
        private void observe(ServerSentEvent event) {
            try {
                observer.accept(event.data());
            } catch (RuntimeException ignored) {
                // an observer's failure must not break the stream
            }
        }

        @Override
        public void onError(Throwable error) {
            failed = true;
            delegate.onError(error instanceof IOException io ? translate(io, false) : error);
        }

        @Override
        public void onClose() {
            delegate.onClose();
        }
    }

    /**
     * Closing a half-read stream aborts the connection instead of draining the rest of a long SSE body. A stream
     * read to its end has already given its connection back to the pool (HttpClient does that at EOF), so the next
     * call to the provider skips the TCP and TLS handshakes.
     */
    private static final class AbortOnClose extends FilterInputStream {
        private final HttpUriRequestBase request;
        private volatile boolean eof;

        AbortOnClose(InputStream in, HttpUriRequestBase request) {
            super(in);
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            eof |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            eof |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!eof) {
                request.cancel();
            }
            super.close();
        }
    }
}
