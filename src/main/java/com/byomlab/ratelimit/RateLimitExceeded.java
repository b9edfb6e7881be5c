package com.byomlab.ratelimit;

/**
 * A request refused by a {@link Limit}: rendered as 429 problem details with {@code Retry-After} and
 * {@code RateLimit-*} headers by this module's own exception handler. Thrown before any work is done.
 */
public final class RateLimitExceeded extends RuntimeException {

    private final transient Quota quota;

    RateLimitExceeded(Quota quota) {
        super(message(quota), null, false, false);
        this.quota = quota;
    }

    public Limit limit() {
        return quota.size().limit();
    }

    /** Whole seconds (at least 1) until the request can succeed: the {@code Retry-After} value. */
    public long retryAfterSeconds() {
        return quota.retryAfterSeconds();
    }

    Quota quota() {
        return quota;
    }

    /** {@code Retry-After} and the {@code RateLimit-*} headers of this refusal, for a response written elsewhere. */
    public java.util.Map<String, String> headers() {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        RateLimitHeaders.write(quota, headers::put);
        return headers;
    }

    private static String message(Quota quota) {
        LimitSize size = quota.size();
        return "Too many " + size.limit().description() + ": the limit is " + size.capacity() + " per "
                + size.periodText() + ". Retry in " + waitText(quota.retryAfterSeconds())
                + " (the Retry-After header gives the seconds).";
    }

    private static String waitText(long seconds) {
        if (seconds < 120) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        return ((seconds + 59) / 60) + " minutes";
    }
}
