package com.byomlab.ratelimit;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * 429 problem details for {@link RateLimitExceeded}. Ordered first: the web module's catch-all
 * handler would otherwise turn it into a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RateLimitProblemHandler {

    @ExceptionHandler(RateLimitExceeded.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitExceeded refused) {
        Quota quota = refused.quota();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, refused.getMessage());
        body.setProperty("code", "rate_limited");
        body.setProperty("limit", quota.size().limit().id());
        body.setProperty("limit_size", quota.size().capacity());
        body.setProperty("period_seconds", quota.size().period().toSeconds());
        body.setProperty("retry_after_seconds", quota.retryAfterSeconds());
        HttpHeaders headers = new HttpHeaders();
        RateLimitHeaders.write(quota, headers::set);
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).headers(headers).body(body);
    }
}
