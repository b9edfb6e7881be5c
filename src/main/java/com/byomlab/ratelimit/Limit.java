package com.byomlab.ratelimit;

import java.time.Duration;

/**
 * The limits the service enforces, with their production defaults. Each can be resized under
 * {@code byom.rate-limits.<name>.capacity} and {@code .period} (see {@link RateLimitProperties}).
 */
public enum Limit {

    /** Create, PATCH, DELETE, PUT …/default: per user. */
    CREDENTIAL_WRITES("credential-writes", "credential changes (create, update, delete, set default)", 10,
            Duration.ofHours(1)),
    /** Every live key check a user triggers: POST …/validate, create, a PATCH that touches the connection. */
    VALIDATIONS("validations", "live key checks (test connection, adding a credential, updates that change "
            + "the key, model or endpoint)", 20, Duration.ofHours(1)),
    /** GET the credential list and GET …/{id}/models: per user. */
    CREDENTIAL_READS("credential-reads", "credential reads (listing credentials, listing a credential's models)", 50,
            Duration.ofHours(1)),
    /** Calls through the OpenAI-compatible gateway (chat completions and model lists): per user. */
    GATEWAY_CALLS("gateway-calls", "calls through the OpenAI-compatible gateway", 600, Duration.ofHours(1)),
    /** New agent sessions (API and Lab page): per user. */
    SESSION_CREATES("session-creates", "new agent sessions", 60, Duration.ofHours(1)),
    /** Failed logins for one account (email), whoever tries. */
    LOGIN_PER_ACCOUNT("login-per-account", "failed logins for this account", 10, Duration.ofMinutes(15)),
    /** Failed logins from one client address, whatever the account. */
    LOGIN_PER_ADDRESS("login-per-address", "failed logins from your address", 50, Duration.ofMinutes(15)),
    /** Sign-up attempts from one client address, whatever their outcome: an answer tells whether an email is taken. */
    SIGNUPS_PER_ADDRESS("signups-per-address", "sign-up attempts from your address", 10, Duration.ofHours(1));

    private final String id;
    private final String description;
    private final int defaultCapacity;
    private final Duration defaultPeriod;

    Limit(String id, String description, int defaultCapacity, Duration defaultPeriod) {
        this.id = id;
        this.description = description;
        this.defaultCapacity = defaultCapacity;
        this.defaultPeriod = defaultPeriod;
    }

    /** The name in configuration, metrics, problem documents and bucket keys, e.g. {@code validations}. */
    public String id() {
        return id;
    }

    String description() {
        return description;
    }

    int defaultCapacity() {
        return defaultCapacity;
    }

    Duration defaultPeriod() {
        return defaultPeriod;
    }

    boolean perUser() {
        return this != LOGIN_PER_ACCOUNT && this != LOGIN_PER_ADDRESS && this != SIGNUPS_PER_ADDRESS;
    }
}
