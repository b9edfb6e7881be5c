package com.byomlab.gateway;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI tool's {@code parameters} (JSON Schema) as LangChain4j's neutral schema elements, which each provider
 * adapter renders its own way (Anthropic {@code input_schema}, Gemini {@code parameters}). Covered: object
 * (properties, required, additionalProperties, $defs/definitions), array (items), string, integer, number, boolean,
 * null, enum, anyOf/oneOf, {@code $ref} to local definitions, {@code "type": [T, "null"]}, and descriptions. A node
 * without a type (an "any" schema) becomes a string: LangChain4j has no neutral "any".
 */
final class ToolSchemas {

    private ToolSchemas() {
    }

    static JsonObjectSchema parameters(JsonNode schema, String param) {
        if (schema == null || schema.isMissingNode() || schema.isNull()) {
            return JsonObjectSchema.builder().build();
        }
        if (!schema.isObject() || !"object".equals(typeOf(schema, param))) {
            throw GatewayError.invalidRequest(param, "A tool's parameters must be a JSON Schema of type \"object\".");
        }
        return object(schema, param);
    }

    private static JsonSchemaElement element(JsonNode node, String param) {
        if (!node.isObject()) {
            throw GatewayError.invalidRequest(param, "Each JSON Schema node must be an object.");
        }
        String description = text(node, "description");
        if (node.has("$ref")) {
            String ref = node.path("$ref").asString("");
            return JsonReferenceSchema.builder().reference(ref.substring(ref.lastIndexOf('/') + 1)).build();
        }
        if (node.has("enum")) {
            List<String> values = new ArrayList<>();
            node.path("enum").forEach(v -> values.add(v.isString() ? v.stringValue() : v.toString()));
            return JsonEnumSchema.builder().description(description).enumValues(values).build();
        }
        JsonNode choices = node.has("anyOf") ? node.path("anyOf") : node.path("oneOf");
        if (choices.isArray()) {
            List<JsonSchemaElement> options = new ArrayList<>();
            choices.forEach(c -> options.add(element(c, param)));
            return JsonAnyOfSchema.builder().description(description).anyOf(options).build();
        }
        String type = typeOf(node, param);
        if (type == null) {
            return JsonStringSchema.builder().description(description).build();
        }
        return switch (type) {
            case "object" -> object(node, param);
            case "array" -> JsonArraySchema.builder().description(description)
                    .items(node.has("items") ? element(node.path("items"), param) : JsonStringSchema.builder().build())
                    .build();
            case "string" -> JsonStringSchema.builder().description(description).build();
            case "integer" -> JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" -> JsonBooleanSchema.builder().description(description).build();
            case "null" -> new JsonNullSchema();
            default -> throw GatewayError.invalidRequest(param, "Unknown JSON Schema type \"" + type + "\".");
        };
    }

    private static JsonObjectSchema object(JsonNode node, String param) {
        JsonObjectSchema.Builder builder = JsonObjectSchema.builder().description(text(node, "description"));
        Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
            properties.put(property.getKey(), element(property.getValue(), param));
        }
        builder.addProperties(properties);
        List<String> required = new ArrayList<>();
        node.path("required").forEach(r -> required.add(r.asString()));
        if (!required.isEmpty()) {
            builder.required(required);
        }
        if (node.path("additionalProperties").isBoolean()) {
            builder.additionalProperties(node.path("additionalProperties").booleanValue());
        }
        JsonNode definitions = node.has("$defs") ? node.path("$defs") : node.path("definitions");
        if (definitions.isObject()) {
            Map<String, JsonSchemaElement> defs = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> def : definitions.properties()) {
                defs.put(def.getKey(), element(def.getValue(), param));
            }
            builder.definitions(defs);
        }
        return builder.build();
    }

    /** "type" as a string; {@code ["string","null"]} is read as "string" (nullable is not expressible here). */
    private static String typeOf(JsonNode node, String param) {
        JsonNode type = node.path("type");
        if (type.isString()) {
            return type.stringValue();
        }
        if (type.isArray()) {
            List<String> nonNull = new ArrayList<>();
            type.forEach(t -> {
                if (!"null".equals(t.asString())) {
                    nonNull.add(t.asString());
                }
            });
            if (nonNull.size() == 1) {
                return nonNull.get(0);
            }
            throw GatewayError.unsupported(param, "A JSON Schema type list with several non-null types is not "
                    + "supported; use anyOf.");
        }
        return node.has("properties") ? "object" : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }
}
