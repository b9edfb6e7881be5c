package com.byomlab.gateway;

import com.byomlab.llm.ModelIds;
import com.byomlab.web.BodyTooLarge;
import org.springframework.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal in OpenAI's error format: {@code {"error":{"message","type","param","code"}}} with an HTTP status.
 * Messages are written by us, never copied from a provider (whose texts can echo key fragments).
 */
class GatewayError extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String code;
    private final String param;
    private final Map<String, String> headers = new LinkedHashMap<>();

    GatewayError(HttpStatus status, String type, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    static GatewayError invalidRequest(String param, String message) {
        return new GatewayError(HttpStatus.BAD_REQUEST, "invalid_request_error", null, param, message);
    }

    static GatewayError unsupported(String param, String message) {
        return new GatewayError(HttpStatus.BAD_REQUEST, "invalid_request_error", "unsupported_parameter", param,
                message);
    }

    /** {@code id} when it is a valid model id ({@link ModelIds}); else a 400 naming {@code model} and what is wrong. */
    static String checkedModel(String id) {
        ModelIds.problem(id).ifPresent(problem -> {
            throw new GatewayError(HttpStatus.BAD_REQUEST, "invalid_request_error", "invalid_model_id", "model",
                    "'model' " + problem + ". " + ModelIds.RULE);
        });
        return id;
    }

    /** A request body over the gateway's cap ({@code byom.http.max-body.gateway}); retrying it cannot help. */
    static GatewayError tooLarge(long limitBytes) {
        return new GatewayError(HttpStatus.CONTENT_TOO_LARGE, "invalid_request_error", "request_too_large", null,
                BodyTooLarge.message(limitBytes)).noRetry();
    }

    /**
     * Tells the official SDKs (which retry 408/409/429/5xx on their own) not to retry: {@code x-should-retry: false}
     * is honoured by openai-python and openai-node.
     */
    GatewayError noRetry() {
        headers.put("x-should-retry", "false");
        return this;
    }

    GatewayError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    HttpStatus status() {
        return status;
    }

    String type() {
        return type;
    }

    String code() {
        return code;
    }

    String param() {
        return param;
    }

    Map<String, String> headers() {
        return headers;
    }
}
