package com.byomlab.gateway;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
