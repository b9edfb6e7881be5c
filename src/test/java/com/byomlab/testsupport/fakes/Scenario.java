package com.byomlab.testsupport.fakes;

/**
 * What a fake provider does with the next requests (after it has checked the request like the real one).
 * Each fake renders these in its provider's documented shapes.
 */
public record Scenario(Kind kind, int status, Integer retryAfterSeconds, String location) {

    public enum Kind {
        OK, RATE_LIMITED, QUOTA_EXHAUSTED, SERVER_ERROR, OVERLOADED, HANG, HOLD_OPEN, MALFORMED_JSON, REDIRECT,
        UNAUTHORIZED, PAYMENT_REQUIRED, BAD_REQUEST
    }

    public static Scenario ok() {
        return new Scenario(Kind.OK, 200, null, null);
    }

    /** 429, with a Retry-After header where the provider sends one. */
    public static Scenario rateLimited(int retryAfterSeconds) {
        return new Scenario(Kind.RATE_LIMITED, 429, retryAfterSeconds, null);
    }

    /** The provider's "no credit left" answer (OpenAI 429 insufficient_quota, Anthropic credit balance, ...). */
    public static Scenario quotaExhausted() {
        return new Scenario(Kind.QUOTA_EXHAUSTED, 0, null, null);
    }

    public static Scenario serverError(int status) {
        return new Scenario(Kind.SERVER_ERROR, status, null, null);
    }

    /** Anthropic 529 overloaded_error; 503 for the others. */
    public static Scenario overloaded() {
        return new Scenario(Kind.OVERLOADED, 0, null, null);
    }

    /** The provider's "bad key" answer (401) for this request only: a key revoked while it was in use. */
    public static Scenario unauthorized() {
        return new Scenario(Kind.UNAUTHORIZED, 401, null, null);
    }

    /** 402 Payment Required, as OpenAI-compatible routers (OpenRouter) answer an account without credit. */
    public static Scenario paymentRequired() {
        return new Scenario(Kind.PAYMENT_REQUIRED, 402, null, null);
    }

    /** 400 about the request itself (e.g. a malformed tool schema): any provider would refuse it. */
    public static Scenario badRequest() {
        return new Scenario(Kind.BAD_REQUEST, 400, null, null);
    }

    /** Accept the request and never answer, until the fake is closed. */
    public static Scenario hang() {
        return new Scenario(Kind.HANG, 0, null, null);
    }

    /**
     * Answer 200 and start the body, then send nothing but a space now and then (leading whitespace, which neither a
     * JSON nor an SSE reader takes for content) until the client closes the connection; the fake counts that in
     * {@link FakeProviderServer#hangUps()}. For "was the call's connection closed?", which {@link #hang()} cannot tell.
     */
    public static Scenario holdOpen() {
        return new Scenario(Kind.HOLD_OPEN, 200, null, null);
    }

    /** 200 with a JSON content type and a truncated body. */
    public static Scenario malformedJson() {
        return new Scenario(Kind.MALFORMED_JSON, 200, null, null);
    }

    /** 302 to another place: a client must not follow it. */
    public static Scenario redirectTo(String location) {
        return new Scenario(Kind.REDIRECT, 302, null, location);
    }
}
