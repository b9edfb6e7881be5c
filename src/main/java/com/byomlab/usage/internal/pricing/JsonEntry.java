package com.byomlab.usage.internal.pricing;

import java.util.Map;

/**
 * One JSON object of a price file (a {@code models[i]} item, or a top-level LiteLLM member) with the line where it
 * starts and each member's value and line, so a problem can be reported where it is.
 */
public record JsonEntry(String name, int line, Map<String, JsonValue> fields) {

    public JsonValue get(String field) {
        return fields.get(field);
    }

    /** The value's line when present, else the entry's own line (for "missing" problems). */
    public int lineOf(String field) {
        JsonValue v = fields.get(field);
        return v == null ? line : v.line();
    }
}
