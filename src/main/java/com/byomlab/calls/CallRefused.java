package com.byomlab.calls;

import java.util.Map;

/**
 * A call (or the choice of what to call) refused before any provider was asked. Each surface turns it into its own
 * error format; {@link Kind} says which status fits.
 */
public class CallRefused extends RuntimeException {

    public enum Kind {
        /** The choice contradicts itself or lacks a part (400). */
        BAD_CHOICE,
        /** The named credential is not the caller's or does not exist (404). */
        NOT_FOUND,
        /** The credential exists but cannot serve: deleted meanwhile, unreadable, no default (409 / 403). */
        UNUSABLE,
        /** Neither the request nor the credential names a model (422). */
        MODEL_REQUIRED,
        /** The provider does not offer the requested model to this key (422). */
        MODEL_UNAVAILABLE,
        /** Own keys are switched off by the operator (409 / 403). */
        DISABLED,
        /** The system default was chosen and the operator configured none (503). */
        NO_SYSTEM_DEFAULT,
        /** A rate limit of this service (429, with {@link #retryAfterSeconds()}). */
        RATE_LIMITED,
        /** A cost cap of the user's (429 on the gateway; the session ends with cost_limit_reached). */
        OVER_BUDGET
    }

    private final Kind kind;
    private final String code;
    private final String hint;
    private final long retryAfterSeconds;
    private final Map<String, String> headers;

    public CallRefused(Kind kind, String code, String message) {
        this(kind, code, message, null, 0);
    }

    public CallRefused(Kind kind, String code, String message, String hint, long retryAfterSeconds) {
        this(kind, code, message, hint, retryAfterSeconds, Map.of());
    }

    CallRefused(Kind kind, String code, String message, String hint, long retryAfterSeconds,
                Map<String, String> headers) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
        this.hint = hint;
        this.retryAfterSeconds = retryAfterSeconds;
        this.headers = Map.copyOf(headers);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** What to do about it, or null. */
    public String hint() {
        return hint;
    }

    /** For {@link Kind#RATE_LIMITED}: {@code Retry-After} and the limit's {@code RateLimit-*} headers. */
    public Map<String, String> headers() {
        return headers;
    }

    /** For {@link Kind#RATE_LIMITED}: when the limit has room again. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
