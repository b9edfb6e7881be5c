package com.byomlab.llm.internal;

import java.time.Duration;
import java.util.Optional;

import com.byomlab.llm.LlmCallProperties;

/**
 * Our one retry policy for provider calls (PERF-004): at most {@code maxRetries} retries after the first attempt,
 * waiting 1 s, 2 s, 4 s (doubling from {@code initialBackoff}), and only for failures classified as transient
 * (429 that is not out of credit, 5xx / 529, network trouble). A provider's requested wait (Retry-After) replaces
 * the backoff; one longer than {@code maxRetryAfter} is not waited for: the call gives up with that error.
 */
public final class RetryPolicy {

    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxRetryAfter;

    public RetryPolicy(LlmCallProperties.Retry settings) {
        this.maxRetries = Math.max(0, settings.maxRetries());
        this.initialBackoff = settings.initialBackoff();
        this.maxRetryAfter = settings.maxRetryAfter();
    }

    /**
     * @param failedAttempt 1-based number of the attempt that just failed
     * @return how long to wait before the next attempt, or empty to give up
     */
    public Optional<Duration> waitBeforeRetry(int failedAttempt, ChatFailure failure) {
        if (!failure.retryable() || failedAttempt > maxRetries) {
            return Optional.empty();
        }
        if (failure.requestedWait().isPresent()) {
            Duration requested = failure.requestedWait().get();
            return requested.compareTo(maxRetryAfter) > 0 ? Optional.empty() : Optional.of(requested);
        }
        return Optional.of(initialBackoff.multipliedBy(1L << Math.min(failedAttempt - 1, 20)));
    }
}
