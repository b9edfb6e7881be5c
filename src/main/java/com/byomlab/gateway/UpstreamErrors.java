package com.byomlab.gateway;

import com.byomlab.llm.LlmCallException;
import com.byomlab.llm.ProviderError;
import org.springframework.http.HttpStatus;

/**
 * A provider failure (already retried per our policy) in OpenAI's error format. Status and type follow what an
 * OpenAI client expects for the same situation; {@code code} is our taxonomy's, except OpenAI's own
 * {@code model_not_found}, {@code rate_limit_exceeded} and {@code insufficient_quota}. The message is ours (what
 * happened and how to fix it), never the provider's text.
 *
 * <pre>
 * invalid_key          502 upstream_error    the key stored in the credential was refused; no retry helps
 * insufficient_quota   429 insufficient_quota the provider account has no credit; no retry
 * rate_limited         429 rate_limit_error  code rate_limit_exceeded (our 3 retries are spent)
 * provider_unavailable 502 server_error      network 502, timeout 504
 * bad_base_url         502 upstream_error    no retry
 * unsupported_provider 400 invalid_request_error
 * unknown_model        404 invalid_request_error code model_not_found
 * </pre>
 *
 * <p>A failed chat call has had our retries already ({@code byom.llm.retry.*}), or was not worth one: its answer
 * says {@code x-should-retry: false}, so the official SDKs do not multiply them (their 2 retries of each of our 4
 * attempts would be 12 upstream calls). A provider's 429 passes on when the provider will take the key again
 * ({@code Retry-After}, from its last answer), for the client to decide.
 */
final class UpstreamErrors {

    private UpstreamErrors() {
    }

    /** A chat call that failed for good, after our retries. */
    static GatewayError afterRetries(LlmCallException failure) {
        GatewayError error = of(failure.error()).noRetry();
        failure.retryAfter().ifPresent(wait ->
                error.header("Retry-After", Long.toString((wait.toMillis() + 999) / 1000)));
        return error;
    }

    static GatewayError of(ProviderError error) {
        String message = error.message() + (error.hint() == null ? "" : " " + error.hint());
        return switch (error.code()) {
            case INVALID_KEY -> new GatewayError(HttpStatus.BAD_GATEWAY, "upstream_error", "invalid_key", null,
                    message).noRetry();
            case INSUFFICIENT_QUOTA -> new GatewayError(HttpStatus.TOO_MANY_REQUESTS, "insufficient_quota",
                    "insufficient_quota", null, message).noRetry();
            case RATE_LIMITED -> new GatewayError(HttpStatus.TOO_MANY_REQUESTS, "rate_limit_error",
                    "rate_limit_exceeded", null, message);
            case PROVIDER_UNAVAILABLE -> new GatewayError(HttpStatus.BAD_GATEWAY, "server_error",
                    "provider_unavailable", null, message);
            case NETWORK -> new GatewayError(HttpStatus.BAD_GATEWAY, "server_error", "network", null, message);
            case TIMEOUT -> new GatewayError(HttpStatus.GATEWAY_TIMEOUT, "server_error", "timeout", null, message);
            case BAD_BASE_URL -> new GatewayError(HttpStatus.BAD_GATEWAY, "upstream_error", "bad_base_url", null,
                    message).noRetry();
            case UNSUPPORTED_PROVIDER -> new GatewayError(HttpStatus.BAD_REQUEST, "invalid_request_error",
                    "unsupported_provider", null, message);
            case UNKNOWN_MODEL -> new GatewayError(HttpStatus.NOT_FOUND, "invalid_request_error", "model_not_found",
                    "model", message);
        };
    }
}
