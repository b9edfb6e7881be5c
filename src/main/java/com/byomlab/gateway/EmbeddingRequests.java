package com.byomlab.gateway;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OpenAI {@code POST /v1/embeddings} body: {@code input} (a string, or an array of up to 2048 strings, none
 * blank), {@code model} (required: a chat credential's own model is no embedding model), {@code encoding_format}
 * ({@code float}, the default, or {@code base64}) and {@code dimensions} (a positive integer). {@code user} is
 * accepted and ignored. Token arrays ({@code input} as integers) are refused: they are token ids of OpenAI's own
 * tokenizer, which no other provider reads and which we cannot turn back into text.
 */
final class EmbeddingRequests {

    /** OpenAI's own limit of inputs per request. */
    static final int MAX_INPUTS = 2048;

    record EmbeddingRequest(String model, List<String> inputs, boolean base64, Integer dimensions) {
    }

    private EmbeddingRequests() {
    }

    static EmbeddingRequest parse(String body) {
        JsonNode root;
        try {
            root = GatewayJson.MAPPER.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            throw GatewayError.invalidRequest(null, "The request body is not valid JSON. Send a JSON object with "
                    + "Content-Type: application/json.");
        }
        if (root == null || !root.isObject()) {
            throw GatewayError.invalidRequest(null, "The request body must be a JSON object.");
        }
        JsonNode model = root.path("model");
        if (!model.isString() || model.stringValue().isBlank()) {
            throw GatewayError.invalidRequest("model", "'model' is required: the id of an embedding model of your "
                    + "credential's provider (e.g. text-embedding-3-small, gemini-embedding-001; for Azure OpenAI "
                    + "the name of your embedding deployment).");
        }
        return new EmbeddingRequest(GatewayError.checkedModel(model.stringValue()), inputs(root.path("input")),
                base64(root.path("encoding_format")), dimensions(root.path("dimensions")));
    }

    private static List<String> inputs(JsonNode input) {
        if (input.isString()) {
            return List.of(text(input, "input"));
        }
        if (!input.isArray() || input.isEmpty()) {
            throw GatewayError.invalidRequest("input", "'input' must be a non-empty string or a non-empty array of "
                    + "strings.");
        }
        if (input.size() > MAX_INPUTS) {
            throw GatewayError.invalidRequest("input", "'input' holds " + input.size() + " items; at most "
                    + MAX_INPUTS + " are allowed per request. Split it into several requests.");
        }
        List<String> texts = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (item.isNumber() || item.isArray()) {
                throw GatewayError.unsupported("input", "Token arrays are not supported in 'input': send the text "
                        + "itself, as a string or an array of strings.");
            }
            texts.add(text(item, "input[" + i + "]"));
        }
        return texts;
    }

    private static String text(JsonNode node, String param) {
        if (!node.isString()) {
            throw GatewayError.invalidRequest("input", "'" + param + "' must be a string.");
        }
        if (node.stringValue().isBlank()) {
            throw GatewayError.invalidRequest("input", "'" + param + "' is empty or only whitespace; every input must "
                    + "hold some text.");
        }
        return node.stringValue();
    }

    private static boolean base64(JsonNode format) {
        if (format.isMissingNode() || format.isNull()) {
            return false;
        }
        if (format.isString() && format.stringValue().equals("float")) {
            return false;
        }
        if (format.isString() && format.stringValue().equals("base64")) {
            return true;
        }
        throw GatewayError.invalidRequest("encoding_format", "'encoding_format' must be \"float\" or \"base64\".");
    }

    private static Integer dimensions(JsonNode dimensions) {
        if (dimensions.isMissingNode() || dimensions.isNull()) {
            return null;
        }
        if (!dimensions.isIntegralNumber() || !dimensions.canConvertToInt() || dimensions.intValue() < 1) {
            throw GatewayError.invalidRequest("dimensions", "'dimensions' must be a positive integer: the size of "
                    + "the vectors, where the model can shorten them.");
        }
        return dimensions.intValue();
    }
}
