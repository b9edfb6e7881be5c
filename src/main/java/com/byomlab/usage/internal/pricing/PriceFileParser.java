package com.byomlab.usage.internal.pricing;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.byomlab.usage.PriceFileException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a price file with Jackson's streaming parser, because only the token stream knows on which line each
 * entry and value stands, and only {@link JsonParser#getDecimalValue()} gives a price's exact decimal.
 * Duplicate keys in one object are a syntax error here (a silently shadowed price is a wrong price).
 */
final class PriceFileParser {

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private PriceFileParser() {
    }

    static RawPriceFile parse(String label, InputStream in) {
        try (JsonParser p = JSON.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new PriceFileException(label, 0, "the file is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new PriceFileException(label, line(p), "the file must hold one JSON object");
            }
            Map<String, JsonValue> topLevel = new LinkedHashMap<>();
            List<JsonEntry> models = new ArrayList<>();
            List<JsonEntry> objectMembers = new ArrayList<>();
            int modelsLine = 0;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                int nameLine = line(p);
                JsonToken t = p.nextToken();
                if (name.equals("models") && t == JsonToken.START_ARRAY) {
                    modelsLine = nameLine;
                    readModels(label, p, models);
                } else if (t == JsonToken.START_OBJECT) {
                    objectMembers.add(readEntry(p, name, nameLine));
                } else {
                    topLevel.put(name, readValue(p));
                }
            }
            if (p.nextToken() != null) {
                throw new PriceFileException(label, line(p), "unexpected content after the top-level object");
            }
            return new RawPriceFile(label, topLevel, modelsLine, models, objectMembers);
        } catch (JacksonException e) {
            throw new PriceFileException(label, e.getLocation() == null ? 0 : Math.max(e.getLocation().getLineNr(), 0), "malformed JSON: " + e.getOriginalMessage());
        }
    }


    private static void readModels(String label, JsonParser p, List<JsonEntry> models) {
        int index = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            String name = "models[" + index++ + "]";
            if (t != JsonToken.START_OBJECT) {
                throw new PriceFileException(label, line(p), name + " must be an object, got " + readValue(p).shown());
            }
            models.add(readEntry(p, name, line(p)));
        }
    }

    /** Reads the object the parser stands at (START_OBJECT) up to its END_OBJECT. */
    private static JsonEntry readEntry(JsonParser p, String name, int line) {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            fields.put(field, readValue(p));
        }
        return new JsonEntry(name, line, fields);
    }

    /** Reads the value the parser stands at; nested objects are skipped, arrays keep string elements. */
    private static JsonValue readValue(JsonParser p) {
        int line = line(p);
        JsonToken t = p.currentToken();
        return switch (t) {
            case VALUE_STRING -> new JsonValue(JsonValue.Kind.STRING, p.getString(), null, null, line);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                    new JsonValue(JsonValue.Kind.NUMBER, p.getText(), p.getDecimalValue(), null, line);
            case VALUE_TRUE, VALUE_FALSE -> new JsonValue(JsonValue.Kind.BOOLEAN, p.getText(), null, null, line);
            case VALUE_NULL -> new JsonValue(JsonValue.Kind.NULL, "null", null, null, line);
            case START_ARRAY -> readArray(p, line);
            default -> {
                p.skipChildren();
                yield new JsonValue(JsonValue.Kind.OBJECT, null, null, null, line);
            }
        };
    }

    private static JsonValue readArray(JsonParser p, int line) {
        List<String> strings = new ArrayList<>();
        boolean allStrings = true;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_STRING) {
                strings.add(p.getString());
            } else {
                allStrings = false;
                p.skipChildren();
            }
        }
        return new JsonValue(JsonValue.Kind.ARRAY, null, null, allStrings ? List.copyOf(strings) : null, line);
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
