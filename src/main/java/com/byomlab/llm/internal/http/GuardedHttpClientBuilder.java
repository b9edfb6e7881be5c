package com.byomlab.llm.internal.http;

import java.time.Duration;
import java.time.Instant;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;

/**
 * Hands LangChain4j a {@link GuardedHttpClient} over one of the shared pools. Beyond LangChain4j's
 * connect/read timeouts it takes a per-request {@link #callTimeout} and an absolute {@link #deadline}
 * shared by every request the built client makes (e.g. all pages of one model listing).
 */
public final class GuardedHttpClientBuilder implements HttpClientBuilder {

    private final CloseableHttpClient apache;
    private final CallWatchdog watchdog;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Duration callTimeout;
    private Instant deadline;
    private CallAbort abort;
    private java.util.function.Consumer<String> eventObserver;
    private boolean perCall;

    GuardedHttpClientBuilder(CloseableHttpClient apache, CallWatchdog watchdog) {
        this.apache = apache;
        this.watchdog = watchdog;
    }

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public GuardedHttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public GuardedHttpClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    /** Upper bound for one whole non-streaming request, connect to last byte. */
    public GuardedHttpClientBuilder callTimeout(Duration timeout) {
        this.callTimeout = timeout;
        return this;
    }

    /** No request made by the built client may run past this instant. */
    public GuardedHttpClientBuilder deadline(Instant deadline) {
        this.deadline = deadline;
        return this;
    }

    /** Every request the built client makes can be aborted through this (interrupts, caller-side budgets). */
    public GuardedHttpClientBuilder abortWith(CallAbort abort) {
        this.abort = abort;
        return this;
    }

    /** Sees the data of every server-sent event before LangChain4j does (e.g. to notice whether usage came). */
    public GuardedHttpClientBuilder observeEvents(java.util.function.Consumer<String> observer) {
        this.eventObserver = observer;
        return this;
    }

    /**
     * For a client inside a shared (cached) model: each request takes its abort handle and event observer from the
     * {@link CallScope} of the thread that starts it, and fails without one.
     */
    public GuardedHttpClientBuilder perCall() {
        this.perCall = true;
        return this;
    }

    /**
     * The same client for the AWS SDK (Bedrock): its async SPI, run on the calling thread ({@link AwsSdkHttpClient}).
     */
    public software.amazon.awssdk.http.async.SdkAsyncHttpClient buildForAwsSdk() {
        return new AwsSdkHttpClient((GuardedHttpClient) build());
    }

    @Override
    public HttpClient build() {
        if (perCall && (abort != null || eventObserver != null || deadline != null)) {
            throw new IllegalStateException("a per-call client takes its abort handle and observer from CallScope");
        }
        return new GuardedHttpClient(apache, watchdog, connectTimeout, readTimeout, callTimeout,
                deadline, perCall ? null : abort == null ? new CallAbort() : abort,
                perCall ? null : eventObserver == null ? data -> { } : eventObserver);
    }
}
