package com.byomlab.health;

/**
 * One provider's health over the window, from every user's calls.
 *
 * @param status         "ok", "degraded", or "unknown" (fewer calls than {@code byom.health.min-calls})
 * @param providerErrors calls that failed on the provider's side: provider_unavailable, timeout, network
 * @param rateLimited    calls refused with 429 (keys' limits: counted, not part of the error rate)
 * @param errorRate      providerErrors / calls, 0 without calls
 * @param avgLatencyMs   average latency of the successful calls, null without any
 * @param reason         why it is degraded, in words; null otherwise
 */
public record ProviderStatus(String provider, String name, long calls, long providerErrors, long rateLimited,
                             double errorRate, Long avgLatencyMs, String status, String reason) {

    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";
    public static final String UNKNOWN = "unknown";

    public boolean degraded() {
        return DEGRADED.equals(status);
    }
}
