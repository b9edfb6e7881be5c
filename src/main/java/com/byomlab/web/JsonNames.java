package com.byomlab.web;

/** The API speaks snake_case; Java fields are camelCase. */
final class JsonNames {

    private JsonNames() {
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
