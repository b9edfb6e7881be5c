package com.byomlab.usage.pricing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test files written line by line, so a test knows on which line each entry stands. */
final class PriceTestFiles {

    /** The real LiteLLM snapshot, kept in the repository with its origin and licence (see its README.md). */
    static final Path LITELLM_SNAPSHOT = Path.of("src", "test", "resources", "usage", "litellm",
            "model_prices_and_context_window.json");

    private PriceTestFiles() {
    }

    static Path write(Path dir, String name, String... lines) {
        try {
            return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
