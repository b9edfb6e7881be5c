package com.byomlab.llm.internal.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.langchain4j.exception.HttpException;

/**
 * A non-2xx answer from a provider. Extends LangChain4j's {@link HttpException} so its status-based
 * exception mapping keeps working, but the message carries only the status: provider error bodies can echo
 * key fragments ("Incorrect API key provided: sk-ab***yz"), so the body is kept apart in {@link #body()} for
 * classification and must never be logged or shown.
 */
public final class ProviderHttpException extends HttpException {

    private final transient Map<String, List<String>> headers;
    private final transient String body;

    public ProviderHttpException(int statusCode, Map<String, List<String>> headers, String body) {
        super(statusCode, "provider answered HTTP " + statusCode);
        this.headers = headers == null ? Map.of() : headers;
        this.body = body == null ? "" : body;
    }

    /** The raw error body: for classification only, never for logs, messages or API responses. */
    public String body() {
        return body;
    }

    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + ": " + getMessage();
    }
}
