package com.byomlab.usage.internal.pricing;

import java.util.List;
import java.util.Map;

/**
 * A price file read but not yet interpreted: top-level scalar/array members, the items of a {@code models}
 * array (BYOM format) and the object-valued top-level members (LiteLLM format).
 *
 * @param modelsLine line of the {@code models} member, 0 when absent
 */
record RawPriceFile(String label, Map<String, JsonValue> topLevel, int modelsLine, List<JsonEntry> models,
                    List<JsonEntry> objectMembers) {

    boolean hasModels() {
        return modelsLine > 0;
    }
}
