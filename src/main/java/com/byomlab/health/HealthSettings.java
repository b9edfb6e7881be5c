package com.byomlab.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * What "degraded" means. Over the last {@code window} of every user's calls to a provider (at least {@code min-calls}
 * of them, else its health is "unknown"), the provider is degraded when its own failures (provider_unavailable: 5xx,
 * overloaded, unreadable answers; timeout; network) are at least {@code error-rate} of the calls, or when its
 * successful calls took {@code slow-latency} or more on average. Rate limits, credit, refused keys and refused
 * requests are the key's or the request's, not the provider's: they show per credential, not here.
 *
 * <pre>
 * byom.health.window=5m            the last minutes looked at
 * byom.health.min-calls=5          fewer calls than this: "unknown"
 * byom.health.error-rate=0.25      share of provider-side failures that makes it degraded
 * byom.health.slow-latency=60s     average latency of successful calls that makes it degraded
 * byom.health.refresh=10s          how long one instance reuses the figures across users
 * </pre>
 */
@ConfigurationProperties("byom.health")
public record HealthSettings(@DefaultValue("5m") Duration window, @DefaultValue("5") int minCalls,
                             @DefaultValue("0.25") double errorRate, @DefaultValue("60s") Duration slowLatency,
                             @DefaultValue("10s") Duration refresh) {
}
