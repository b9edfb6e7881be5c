package com.byomlab.llm.internal.providers.bedrock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.byomlab.llm.internal.MalformedProviderResponseException;

import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON text and the SDK's {@link Document} (Converse carries tool inputs and schemas as documents): LangChain4j keeps
 * tool arguments as JSON text, the SDK wants a document tree.
 */
final class Documents {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Documents() {
    }

    /** A model's tool arguments (JSON text, possibly empty) as a document; not JSON is a provider fault. */
    static Document fromJson(String json) {
        if (json == null || json.isBlank()) {
            return Document.mapBuilder().build();
        }
        try {
            return fromNode(MAPPER.readTree(json));
        } catch (JacksonException e) {
            // Jackson's message quotes the input: drop it
            throw new MalformedProviderResponseException("tool arguments are not JSON");
        }
    }

    static Document fromObject(Object value) {
        return fromNode(MAPPER.valueToTree(value));
    }

    static Document fromNode(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Document.fromNull();
        }
        if (node.isObject()) {
            Map<String, Document> members = new LinkedHashMap<>();
            node.properties().forEach(e -> members.put(e.getKey(), fromNode(e.getValue())));
            return Document.fromMap(members);
        }
        if (node.isArray()) {
            List<Document> items = new ArrayList<>();
            node.forEach(item -> items.add(fromNode(item)));
            return Document.fromList(items);
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.booleanValue());
        }
        if (node.isNumber()) {
            return Document.fromNumber(node.numberValue().toString());
        }
        return Document.fromString(node.asString());
    }

    static String toJson(Document document) {
        return toNode(document).toString();
    }

    private static JsonNode toNode(Document document) {
        if (document == null || document.isNull()) {
            return NODES.nullNode();
        }
        if (document.isMap()) {
            ObjectNode object = NODES.objectNode();
            document.asMap().forEach((name, value) -> object.set(name, toNode(value)));
            return object;
        }
        if (document.isList()) {
            ArrayNode array = NODES.arrayNode();
            document.asList().forEach(item -> array.add(toNode(item)));
            return array;
        }
        if (document.isBoolean()) {
            return NODES.booleanNode(document.asBoolean());
        }
        if (document.isNumber()) {
            SdkNumber number = document.asNumber();
            return NODES.numberNode(number.bigDecimalValue());
        }
        return NODES.stringNode(document.asString());
    }
}
