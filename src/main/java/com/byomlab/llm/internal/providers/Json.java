package com.byomlab.llm.internal.providers;

import com.byomlab.llm.internal.MalformedProviderResponseException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** Small tree-reading helpers; parse failures become {@link MalformedProviderResponseException}. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static JsonNode parse(String body) {
        try {
            JsonNode node = MAPPER.readTree(body == null ? "" : body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JacksonException e) {
            // Jackson's message quotes the input, i.e. provider text: drop it.
            throw new MalformedProviderResponseException("not JSON");
        }
    }

    /** Like {@link #parse} but a body that is not JSON reads as an empty tree (for error bodies). */
    public static JsonNode parseLenient(String body) {
        try {
            return parse(body);
        } catch (MalformedProviderResponseException e) {
            return MissingNode.getInstance();
        }
    }

    public static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : "";
    }
}
