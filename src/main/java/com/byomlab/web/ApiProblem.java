package com.byomlab.web;

import org.springframework.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal the client can act on: an HTTP status, a stable machine-readable {@code code}, and a
 * message that says what was wrong and how to fix it. Rendered as RFC 9457 problem details.
 * Never put a secret or a provider's raw error text in one.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiProblem(HttpStatus status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not_found",
                what + " was not found. Check the id; it may have been deleted or belong to another account.");
    }

    public static ApiProblem badRequest(String code, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, code, message);
    }

    public static ApiProblem conflict(String code, String message) {
        return new ApiProblem(HttpStatus.CONFLICT, code, message);
    }

    /** Adds an extra member to the problem document (e.g. hint, docs_url). */
    public ApiProblem with(String name, Object value) {
        if (value != null) {
            properties.put(name, value);
        }
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
