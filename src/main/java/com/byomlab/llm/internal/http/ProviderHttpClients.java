package com.byomlab.llm.internal.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;

import com.byomlab.llm.BaseUrlPolicy;

/**
 * The two connection pools every provider call goes through: one for trusted endpoints (provider defaults
 * and operator overrides, system DNS) and one for user-supplied endpoints, whose DNS resolver enforces the
 * {@link BaseUrlPolicy} on the addresses actually connected to. Keeping them apart means a pooled connection
 * to a trusted host can never serve a user URL, or the reverse.
 */
public final class ProviderHttpClients implements AutoCloseable {

    private final CloseableHttpClient trusted;
    private final CloseableHttpClient userEndpoints;
    private final ScheduledThreadPoolExecutor canceller;
    private final ExecutorService streamExecutor;

    public ProviderHttpClients(BaseUrlPolicy policy) {
        this.trusted = pooledClient(SystemDefaultDnsResolver.INSTANCE);
        this.userEndpoints = pooledClient(new PolicyDnsResolver(policy));
        this.canceller = new ScheduledThreadPoolExecutor(1, daemonThreads("llm-call-deadline"));
        this.canceller.setRemoveOnCancelPolicy(true);
        this.streamExecutor = Executors.newCachedThreadPool(daemonThreads("llm-stream"));
    }

    /** For provider defaults and operator overrides. */
    public GuardedHttpClientBuilder trustedEndpoint() {
        return new GuardedHttpClientBuilder(trusted, canceller, streamExecutor);
    }

    /** For base URLs a user typed in: only addresses the policy permits are ever connected to. */
    public GuardedHttpClientBuilder userEndpoint() {
        return new GuardedHttpClientBuilder(userEndpoints, canceller, streamExecutor);
    }

    /** Runs blocking provider calls off the caller's thread, so the caller can wait interruptibly and abort them. */
    public java.util.concurrent.Executor callExecutor() {
        return streamExecutor;
    }

    static final int MAX_CONNECTIONS_PER_HOST = 2_000;
    static final int MAX_CONNECTIONS_TOTAL = 4_000;

    private static CloseableHttpClient pooledClient(DnsResolver dnsResolver) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(dnsResolver)
                        .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
                        // a running session holds a connection for its whole (streamed) call: with 50 per
                        // provider host, session 51 waited — docs/benchmarks.md, item 4. Sized to the
                        // agent's default of 1000 concurrent sessions, plus the gateway.
                        .setMaxConnTotal(MAX_CONNECTIONS_TOTAL)
                        .setMaxConnPerRoute(MAX_CONNECTIONS_PER_HOST)
                        .build())
                .disableRedirectHandling()   // a redirect could lead a trusted call to an untrusted place
                .disableAutomaticRetries()   // retries are the caller's policy (3 tries, backoff, Retry-After)
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("byom-lab")
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .build();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        canceller.shutdownNow();
        streamExecutor.shutdownNow();
        trusted.close(CloseMode.IMMEDIATE);
        userEndpoints.close(CloseMode.IMMEDIATE);
    }
}
