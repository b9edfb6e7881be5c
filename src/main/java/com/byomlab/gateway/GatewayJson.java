package com.byomlab.gateway;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The gateway's own JSON mapper: OpenAI's shapes need explicit nulls ({@code "content": null},
 * {@code "finish_reason": null}), which the application mapper's non-null inclusion would drop.
 */
final class GatewayJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private GatewayJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /**
     * Writes a JSON body straight to the servlet response, where Spring's return-value handling would cost a
     * twentieth of a gateway call's CPU for one string (docs/benchmarks.md), or where no handler runs at all
     * (the security chain's refusals).
     */
    static void send(HttpServletResponse response, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The JSON built in {@code json}, as {@link #send(HttpServletResponse, int, String)} sends a string. */
    static void send(HttpServletResponse response, int status, EventBuffer json) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(json.length());
        response.getOutputStream().write(json.bytes(), 0, json.length());
    }

    /** {@code {"error":{"message","type","param","code"}}}. */
    static String error(GatewayError e) {
        ObjectNode root = object();
        ObjectNode error = root.putObject("error");
        error.put("message", e.getMessage());
        error.put("type", e.type());
        if (e.param() == null) {
            error.putNull("param");
        } else {
            error.put("param", e.param());
        }
        if (e.code() == null) {
            error.putNull("code");
        } else {
            error.put("code", e.code());
        }
        return write(root);
    }
}
