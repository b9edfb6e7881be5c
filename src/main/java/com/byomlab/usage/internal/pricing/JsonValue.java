package com.byomlab.usage.internal.pricing;

import java.math.BigDecimal;
import java.util.List;

/**
 * A member value as the streaming parser saw it, with its line. Numbers keep their exact decimal text
 * (never a double); arrays keep their string elements; objects are only noted.
 *
 * @param strings for ARRAY: the elements when all are strings, else null
 */
public record JsonValue(Kind kind, String text, BigDecimal number, List<String> strings, int line) {

    public enum Kind { STRING, NUMBER, BOOLEAN, NULL, ARRAY, OBJECT }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** For messages: the value as written, shortened. */
    public String shown() {
        return switch (kind) {
            case STRING -> "\"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
            case NUMBER -> number.toString();
            case BOOLEAN, NULL -> text;
            case ARRAY -> "an array";
            case OBJECT -> "an object";
        };
    }
}
