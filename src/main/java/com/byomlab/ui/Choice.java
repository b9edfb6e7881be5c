package com.byomlab.ui;

import java.util.List;
import java.util.UUID;

/**
 * One entry of the New session dialog's "LLM model" picker. Values: {@code system}, {@code default}, or
 * {@code cred:<credential id>} optionally followed by {@code :<model>} (model names may contain ':').
 */
record Choice(String value, String label) {

    static final String SYSTEM = "system";
    static final String MY_DEFAULT = "default";
    private static final String CREDENTIAL = "cred:";

    record Group(String label, List<Choice> choices) {
    }

    /** What a picked value asks for, in the terms of the session API. */
    record Parsed(UUID credentialId, String model, boolean systemDefault) {
    }

    static String of(UUID credentialId, String model) {
        return CREDENTIAL + credentialId + (model == null ? "" : ":" + model);
    }

    /** @throws IllegalArgumentException for a value no picker offers */
    static Parsed parse(String value) {
        if (value == null || value.isBlank() || value.equals(MY_DEFAULT)) {
            return new Parsed(null, null, false);
        }
        if (value.equals(SYSTEM)) {
            return new Parsed(null, null, true);
        }
        if (!value.startsWith(CREDENTIAL)) {
            throw new IllegalArgumentException("unknown model choice");
        }
        String rest = value.substring(CREDENTIAL.length());
        int colon = rest.indexOf(':');
        UUID id = UUID.fromString(colon < 0 ? rest : rest.substring(0, colon));
        String model = colon < 0 ? null : rest.substring(colon + 1);
        return new Parsed(id, model == null || model.isBlank() ? null : model, false);
    }
}
