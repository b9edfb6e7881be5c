package com.byomlab.usage.internal.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.byomlab.usage.PriceFileException;

/** Finds, reads and validates the bundled table and the operator's override file. */
public final class PriceFiles {

    public static final String BUNDLED_RESOURCE = "usage/model-prices.json";
    private static final String BUNDLED_LABEL = "classpath:" + BUNDLED_RESOURCE;

    private PriceFiles() {
    }

    /** The bundled table; it must be in our format and dated. */
    public static PriceList readBundled() {
        try (InputStream in = PriceFiles.class.getClassLoader().getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new PriceFileException(BUNDLED_LABEL, 0, "the bundled price table is missing from the classpath");
            }
            RawPriceFile raw = PriceFileParser.parse(BUNDLED_LABEL, in);
            return ByomPriceFormat.read(raw, true);
        } catch (IOException e) {
            throw new PriceFileException(BUNDLED_LABEL, 0, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * The operator's override, in our format or LiteLLM's (told apart by shape). A named file that is missing is an
     * error, not a silent fall-back to the bundled prices: the operator asked for other prices.
     */
    public static PriceList readOverride(Path file) {
        String label = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new PriceFileException(label, 0, "file not found (named by byom.usage.price-file; "
                    + "absolute path " + file.toAbsolutePath().normalize() + ")");
        }
        RawPriceFile raw;
        try (InputStream in = Files.newInputStream(file)) {
            raw = PriceFileParser.parse(label, in);
        } catch (IOException e) {
            throw new PriceFileException(label, 0, "cannot be read: " + e.getMessage());
        }
        if (raw.hasModels() || raw.topLevel().containsKey("models")) {
            return ByomPriceFormat.read(raw, false);
        }
        if (LiteLlmPriceFormat.looksLike(raw)) {
            return LiteLlmPriceFormat.read(raw);
        }
        throw new PriceFileException(label, 1, "not a price file we know: expected our format "
                + "{\"models\": [{\"provider\": ..., \"model\": ..., \"input_per_mtok\": ..., \"output_per_mtok\": ...}]} "
                + "or LiteLLM's model_prices_and_context_window.json");
    }
}
