package com.byomlab.llm;

import java.util.Locale;

/** Why a provider call failed, in words a client can switch on. {@link #code()} is the wire form. */
public enum ErrorCode {
    INVALID_KEY,
    INSUFFICIENT_QUOTA,
    RATE_LIMITED,
    PROVIDER_UNAVAILABLE,
    NETWORK,
    TIMEOUT,
    BAD_BASE_URL,
    UNSUPPORTED_PROVIDER,
    UNKNOWN_MODEL;

    /** lower_snake form, e.g. "invalid_key". */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
