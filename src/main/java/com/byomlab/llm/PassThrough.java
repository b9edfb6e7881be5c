package com.byomlab.llm;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A client's request to a provider's own API, to be forwarded as it was sent: only the key is the provider's (the
 * credential's), and the top-level {@code model} is rewritten only when the call runs on another model than the body
 * names (a fallback to a credential of another endpoint).
 *
 * @param body    the client's JSON body, as received
 * @param stream  true when the client asked for a stream (the answer is then forwarded event by event)
 * @param headers the client's headers the endpoint takes (e.g. anthropic-version, anthropic-beta); header names that
 *                carry credentials or belong to the connection are dropped here, whatever the caller passes
 */
public record PassThrough(NativeApi api, byte[] body, boolean stream, Map<String, String> headers) {

    /** Never forwarded: the client's own credentials (our gateway token), cookies, and hop-by-hop headers. */
    private static final Set<String> NEVER_FORWARDED = Set.of("authorization", "x-api-key", "api-key", "cookie",
            "proxy-authorization", "host", "content-length", "content-type", "connection", "transfer-encoding",
            "accept-encoding", "content-encoding", "te", "upgrade", "keep-alive", "x-goog-api-key");

    public PassThrough {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(body, "body");
        Map<String, String> kept = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null && !NEVER_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    kept.put(name.toLowerCase(Locale.ROOT), value);
                }
            });
        }
        headers = java.util.Collections.unmodifiableMap(kept);
    }
}
