package com.byomlab.llm;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How chat calls are bounded and retried (PERF-004).
 *
 * <pre>
 * byom.llm.call-timeout                 one attempt, connect to last byte, streamed or not (default 120s)
 * byom.llm.retry.max-retries            retries after the first attempt (default 3)
 * byom.llm.retry.initial-backoff        first wait, doubled each retry: 1s, 2s, 4s (default 1s)
 * byom.llm.retry.max-retry-after        a provider's Retry-After above this is not waited for (default 60s)
 * </pre>
 */
@ConfigurationProperties("byom.llm")
public record LlmCallProperties(@DefaultValue("120s") Duration callTimeout, @DefaultValue Retry retry) {

    public LlmCallProperties {
        callTimeout = callTimeout == null ? Duration.ofSeconds(120) : callTimeout;
        retry = retry == null ? Retry.defaults() : retry;
    }

    public record Retry(@DefaultValue("3") int maxRetries, @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("60s") Duration maxRetryAfter) {

        public static Retry defaults() {
            return new Retry(3, Duration.ofSeconds(1), Duration.ofSeconds(60));
        }
    }

    public static LlmCallProperties defaults() {
        return new LlmCallProperties(Duration.ofSeconds(120), Retry.defaults());
    }
}
