package com.byomlab.web;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Validates an OpenAPI 3.1 document with the OpenAPI Initiative's own JSON Schema for it ({@code schema-base}, which
 * also checks each Schema Object against the 3.1 dialect), with networknt's JSON Schema validator (draft 2020-12).
 * The four schema files are in src/test/resources/openapi/oas-3.1 (README there: origin and licence), found by their
 * {@code $id}s; nothing is fetched.
 */
final class OpenApiValidation {

    static final String SCHEMA_BASE = "https://spec.openapis.org/oas/3.1/schema-base/2025-11-23";
    private static final Map<String, String> FILES = Map.of(
            "https://spec.openapis.org/oas/3.1/schema/2025-11-23", "schema.json",
            SCHEMA_BASE, "schema-base.json",
            "https://spec.openapis.org/oas/3.1/dialect/2024-11-10", "dialect.json",
            "https://spec.openapis.org/oas/3.1/meta/2024-11-10", "meta.json");

    private OpenApiValidation() {
    }

    /** Every violation, as "where: what"; empty when the document is valid. */
    static List<String> errors(String document) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(iri -> FILES.containsKey(iri) ? read(FILES.get(iri)) : null));
        Schema schema = registry.getSchema(SchemaLocation.of(SCHEMA_BASE));
        return schema.validate(document, InputFormat.JSON, context -> context.executionConfig(config ->
                config.formatAssertionsEnabled(true))).stream().map(e -> e.getInstanceLocation() + ": "
                + e.getMessage()).toList();
    }

    private static String read(String file) {
        try (InputStream in = OpenApiValidation.class.getResourceAsStream("/openapi/oas-3.1/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource openapi/oas-3.1/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
