package com.byomlab.testsupport.fakes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON building and reading for the fakes. */
final class FakeJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private FakeJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    static JsonNode parse(String json) {
        return MAPPER.readTree(json == null || json.isBlank() ? "{}" : json);
    }

    static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null
                : node.isString() ? node.stringValue() : node.toString();
    }
}
