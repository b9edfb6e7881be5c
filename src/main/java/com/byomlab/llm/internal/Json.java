package com.byomlab.llm.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** Small tree-reading helpers; parse failures become {@link MalformedProviderResponseException}. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static JsonNode parse(String body) {
        try {
            JsonNode node = MAPPER.readTree(body == null ? "" : body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JacksonException e) {
            // Jackson's message quotes the input, i.e. provider text: drop it.
            throw new MalformedProviderResponseException("not JSON");
        }
    }

    /** Like {@link #parse} but a body that is not JSON reads as an empty tree (for error bodies). */
    static JsonNode parseLenient(String body) {
        try {
            return parse(body);
        } catch (MalformedProviderResponseException e) {
            return MissingNode.getInstance();
        }
    }

    static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : "";
    }
}
