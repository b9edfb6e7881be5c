package com.byomlab.ratelimit;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.function.BiConsumer;

/**
 * The IETF draft headers ("RateLimit header fields for HTTP", draft-ietf-httpapi-ratelimit-headers):
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code RateLimit-Reset} (seconds until the
 * window ends), {@code RateLimit-Policy} ({@code 20;w=3600}); plus {@code Retry-After} on a refusal.
 */
final class RateLimitHeaders {

    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";
    static final String POLICY = "RateLimit-Policy";

    private RateLimitHeaders() {
    }

    static void write(Quota quota, BiConsumer<String, String> header) {
        header.accept(LIMIT, Integer.toString(quota.size().capacity()));
        header.accept(REMAINING, Long.toString(quota.remaining()));
        header.accept(RESET, Long.toString(quota.resetSeconds()));
        header.accept(POLICY, quota.size().capacity() + ";w=" + quota.size().period().toSeconds());
        if (quota.retryAfterSeconds() > 0) {
            header.accept(HttpHeaders.RETRY_AFTER, Long.toString(quota.retryAfterSeconds()));
        }
    }

    /** On the response being served, when there is one (there is none outside a web request). */
    static void writeToCurrentResponse(Quota quota) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet && servlet.getResponse() != null) {
            HttpServletResponse response = servlet.getResponse();
            if (!response.isCommitted()) {
                write(quota, response::setHeader);
            }
        }
    }
}
