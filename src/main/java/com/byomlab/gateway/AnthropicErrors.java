package com.byomlab.gateway;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@link GatewayError} in Anthropic's error format, for the {@code /v1/messages} surface
 * (https://docs.anthropic.com/en/api/errors): {@code {"type":"error","error":{"type","message"}}} with the status
 * Anthropic documents for that type. The message is ours, as on every surface.
 *
 * <pre>
 * 400 invalid_request_error   a bad request, or one the provider refused as such
 * 401 authentication_error    no, an unknown, revoked or expired access token
 * 402 billing_error           a cost cap reached, or the provider account is out of credit
 * 403 permission_error        own keys switched off, the token's credential gone, or its stored key refused
 * 404 not_found_error         a model the credential cannot use, an unknown path
 * 413 request_too_large       a body over byom.http.max-body.gateway
 * 429 rate_limit_error        our gateway limit (Retry-After), or the provider's after our retries
 * 500 api_error               the provider failing or unreachable after our retries; our own failure
 * 504 timeout_error           the provider did not answer in time
 * </pre>
 */
final class AnthropicErrors {

    /** The paths that answer in Anthropic's format. */
    static final String PATH = "/v1/messages";

    private AnthropicErrors() {
    }

    /** True for a request to the Messages surface (decoded path, as the body limit and the dispatcher match it). */
    static boolean speaks(HttpServletRequest request) {
        String path = request.getServletPath();
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    static int status(GatewayError e) {
        return switch (type(e)) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            default -> 500;
        };
    }

    static String type(GatewayError e) {
        if ("insufficient_quota".equals(e.type())) {
            return "billing_error"; // our cost caps and the provider's "out of credit" alike
        }
        if ("invalid_key".equals(e.code())) {
            return "permission_error"; // the key stored in the credential, not the caller's token
        }
        return switch (e.status().value()) {
            case 400, 405, 415, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            default -> e.status().is4xxClientError() ? "invalid_request_error" : "api_error";
        };
    }

    static String json(GatewayError e) {
        ObjectNode root = GatewayJson.object().put("type", "error");
        root.putObject("error").put("type", type(e)).put("message", e.getMessage());
        return GatewayJson.write(root);
    }

    /** The same error as a stream's {@code error} event, for a failure after the stream began. */
    static byte[] event(GatewayError e) {
        return ("event: error\ndata: " + json(e) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    static void send(HttpServletResponse response, GatewayError e) throws IOException {
        e.headers().forEach(response::setHeader);
        GatewayJson.send(response, status(e), json(e));
    }
}
