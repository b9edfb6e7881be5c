package com.byomlab.llm.internal.http;

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
    private final CallWatchdog watchdog;

    public ProviderHttpClients(BaseUrlPolicy policy) {
        this.trusted = pooledClient(SystemDefaultDnsResolver.INSTANCE);
        this.userEndpoints = pooledClient(new PolicyDnsResolver(policy));
        this.watchdog = new CallWatchdog();
    }

    /** For provider defaults and operator overrides. */
    public GuardedHttpClientBuilder trustedEndpoint() {
        return new GuardedHttpClientBuilder(trusted, watchdog);
    }

    /** For base URLs a user typed in: only addresses the policy permits are ever connected to. */
    public GuardedHttpClientBuilder userEndpoint() {
        return new GuardedHttpClientBuilder(userEndpoints, watchdog);
    }

    /** Raw POSTs (a client's request passed through) over the pool for this kind of endpoint. */
    public RawExchange raw(boolean userSupplied) {
        return new RawExchange(userSupplied ? userEndpoints : trusted);
    }

    /** Aborts calls past their deadline or whose thread was interrupted (calls run on their caller's thread). */
    public CallWatchdog watchdog() {
        return watchdog;
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

    @Override
    public void close() {
        watchdog.close();
        trusted.close(CloseMode.IMMEDIATE);
        userEndpoints.close(CloseMode.IMMEDIATE);
    }
}
