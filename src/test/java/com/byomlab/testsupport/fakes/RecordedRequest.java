package com.byomlab.testsupport.fakes;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a fake provider received it.
 *
 * @param query   raw query string, or null when there was none
 * @param headers header names lower-cased
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers,
        String body) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Path plus query, as it would appear in an access log. */
    public String requestLine() {
        return query == null ? path : path + "?" + query;
    }
}
