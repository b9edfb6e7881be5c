package com.byomlab.llm.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import dev.langchain4j.exception.TimeoutException;
import software.amazon.awssdk.eventstream.MessageDecoder;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;

/**
 * The AWS SDK's HTTP client SPI over our guarded pools, so AWS calls (Bedrock) get what every other provider call
 * gets: the pool the endpoint belongs to, no redirects, no client-side retries, per-request timeouts, the whole-call
 * budget and abort on interrupt through {@link CallScope} / {@link CallAbort}. The SDK only signs and (un)marshals.
 *
 * <p>It implements the SDK's <em>async</em> SPI because ConverseStream exists only on the async client, but it runs
 * each request on the calling thread and returns a completed future: the SDK's pipeline calls {@link #execute} on the
 * thread that called the client (with the completion executor set to run in place), so the body is read and every
 * stream event is handed over on the caller's thread, exactly like {@link GuardedHttpClient}'s SSE streams. The body
 * is published with reactive-streams demand honoured: bytes are read only while the subscriber has asked for them.
 *
 * <p>For an {@code application/vnd.amazon.eventstream} answer, each event's payload is given to the call's event
 * observer, as SSE data is (the attempt decides from it whether any event, and usage, came).
 */
final class AwsSdkHttpClient implements SdkAsyncHttpClient {

    private static final int CHUNK = 8 * 1024;
    private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
    /** How often a reader waiting for demand looks at the abort flag and its deadline. */
    private static final long DEMAND_POLL_MS = 50;

    private final GuardedHttpClient guarded;

    AwsSdkHttpClient(GuardedHttpClient guarded) {
        this.guarded = guarded;
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        SdkAsyncHttpResponseHandler handler = request.responseHandler();
        HttpUriRequestBase apacheRequest;
        CallAbort abort;
        Consumer<String> observer;
        Duration budget;
        try {
            abort = guarded.abort();
            observer = guarded.observer();
            budget = guarded.remainingBudget();
            if (budget != null && (budget.isZero() || budget.isNegative())) {
                throw new TimeoutException("no time left for the provider call");
            }
            apacheRequest = toApache(request.request(), body(request, budget));
        } catch (IOException | RuntimeException e) {
            RuntimeException failure = GuardedHttpClient.translate(e, false);
            handler.onError(failure);
            done.completeExceptionally(failure);
            return done;
        }
        // cancelling closes the connection, so a blocked read returns at once
        CallWatchdog.Watch alarm = budget == null ? null : guarded.watchdog().watch(null, budget, apacheRequest::cancel);
        abort.register(apacheRequest);
        BodyPublisher publisher = null;
        try (ClassicHttpResponse response = guarded.apache().executeOpen(null, apacheRequest, guarded.context(budget))) {
            Map<String, List<String>> headers = GuardedHttpClient.headers(response);
            handler.onHeaders(SdkHttpFullResponse.builder().statusCode(response.getCode())
                    .statusText(response.getReasonPhrase()).headers(headers).build());
            InputStream in = response.getEntity() == null ? InputStream.nullInputStream()
                    : response.getEntity().getContent();
            boolean eventStream = headers.entrySet().stream()
                    .anyMatch(h -> h.getKey().equalsIgnoreCase("Content-Type")
                            && h.getValue().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).startsWith(EVENT_STREAM)));
            publisher = new BodyPublisher(in, () -> abort.aborted() || apacheRequest.isCancelled(), eventStream ? observer : null,
                    eventStream ? Long.MAX_VALUE : GuardedHttpClient.MAX_BODY_BYTES);
            handler.onStream(publisher);
            publisher.pump();
            done.complete(null);
        } catch (IOException | RuntimeException e) {
            RuntimeException failure = GuardedHttpClient.translate(e, alarm != null && alarm.fired());
            if (publisher != null) {
                publisher.fail(failure);
            }
            handler.onError(failure);
            done.completeExceptionally(failure);
        } finally {
            if (publisher == null || !publisher.readToTheEnd()) {
                apacheRequest.cancel(); // a half-read body is not drained: the connection is dropped
            }
            abort.unregister(apacheRequest);
            if (alarm != null) {
                alarm.close();
            }
        }
        return done;
    }

    @Override
    public String clientName() {
        return "byom-guarded";
    }

    @Override
    public void close() {
        // the pools belong to ProviderHttpClients
    }

    /** The SDK's request body (a small JSON document for Bedrock), collected before the request is sent. */
    private static byte[] body(AsyncExecuteRequest request, Duration budget) throws IOException {
        if (request.requestContentPublisher() == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<Void> complete = new CompletableFuture<>();
        request.requestContentPublisher().subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer buffer) {
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable error) {
                complete.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                complete.complete(null);
            }
        });
        try {
            complete.get(budget == null ? 30_000 : Math.max(budget.toMillis(), 1), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while preparing the request");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("the request body could not be prepared", e);
        }
        return bytes.size() == 0 ? null : bytes.toByteArray();
    }

    private static HttpUriRequestBase toApache(SdkHttpRequest request, byte[] body) {
        HttpUriRequestBase apacheRequest = new HttpUriRequestBase(request.method().name(), request.getUri());
        request.forEachHeader((name, values) -> {
            // Apache sets these from the entity and refuses a request that already carries them
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")) {
                return;
            }
            values.forEach(value -> apacheRequest.addHeader(name, value));
        });
        if (body != null) {
            apacheRequest.setEntity(new ByteArrayEntity(body, null));
        }
        return apacheRequest;
    }

    /**
     * The response body for one subscriber, read on the thread that calls {@link #pump()} and only as far as the
     * subscriber has asked. A subscriber that asks from inside {@code onNext} (as the SDK's do) never makes the
     * reader wait.
     */
    private static final class BodyPublisher implements Publisher<ByteBuffer> {
        private final InputStream in;
        private final java.util.function.BooleanSupplier stopped;
        private final MessageDecoder events;
        private final long maxBytes;
        private final Object lock = new Object();
        private Subscriber<? super ByteBuffer> subscriber;
        private long demand;
        private boolean cancelled;
        private boolean terminated;
        private boolean eof;

        BodyPublisher(InputStream in, java.util.function.BooleanSupplier stopped, Consumer<String> observer,
                long maxBytes) {
            this.in = in;
            this.stopped = stopped;
            this.maxBytes = maxBytes;
            this.events = observer == null ? null : new MessageDecoder(message -> {
                try {
                    observer.accept(new String(message.getPayload(), StandardCharsets.UTF_8));
                } catch (RuntimeException ignored) {
                    // an observer's bug must not break the call
                }
            });
        }

        @Override
        public void subscribe(Subscriber<? super ByteBuffer> s) {
            synchronized (lock) {
                if (subscriber != null) {
                    s.onSubscribe(new Subscription() {
                        @Override
                        public void request(long n) {
                        }

                        @Override
                        public void cancel() {
                        }
                    });
                    s.onError(new IllegalStateException("the response body has one subscriber only"));
                    return;
                }
                subscriber = s;
            }
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    synchronized (lock) {
                        demand = n <= 0 || demand + n < 0 ? Long.MAX_VALUE : demand + n;
                        lock.notifyAll();
                    }
                }

                @Override
                public void cancel() {
                    synchronized (lock) {
                        cancelled = true;
                        lock.notifyAll();
                    }
                }
            });
        }

        /** Reads and delivers the body until its end, a failure, or the subscriber cancels. */
        void pump() throws IOException {
            byte[] buffer = new byte[CHUNK];
            long total = 0;
            while (true) {
                Subscriber<? super ByteBuffer> s = awaitDemand();
                if (s == null) {
                    return; // cancelled: nothing more is wanted (the connection is dropped, not drained)
                }
                int n = in.read(buffer);
                if (n < 0) {
                    eof = true;
                    terminate(s, null);
                    return;
                }
                total += n;
                if (total > maxBytes) {
                    throw new IOException("the provider's answer is larger than " + maxBytes + " bytes");
                }
                byte[] chunk = java.util.Arrays.copyOf(buffer, n);
                if (events != null) {
                    events.feed(chunk);
                }
                synchronized (lock) {
                    if (demand != Long.MAX_VALUE) {
                        demand--;
                    }
                }
                s.onNext(ByteBuffer.wrap(chunk));
            }
        }

        private Subscriber<? super ByteBuffer> awaitDemand() throws IOException {
            synchronized (lock) {
                while (!cancelled && (subscriber == null || demand == 0)) {
                    if (stopped.getAsBoolean()) {
                        throw new InterruptedIOException("the call was aborted");
                    }
                    try {
                        lock.wait(DEMAND_POLL_MS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while waiting for the reader");
                    }
                }
                return cancelled ? null : subscriber;
            }
        }

        void fail(Throwable error) {
            Subscriber<? super ByteBuffer> s;
            synchronized (lock) {
                s = subscriber;
            }
            if (s != null) {
                terminate(s, error);
            }
        }

        private void terminate(Subscriber<? super ByteBuffer> s, Throwable error) {
            synchronized (lock) {
                if (terminated) {
                    return;
                }
                terminated = true;
            }
            if (error == null) {
                s.onComplete();
            } else {
                s.onError(error);
            }
        }

        boolean readToTheEnd() {
            return eof;
        }
    }
}
