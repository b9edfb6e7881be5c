package com.byomlab.usage.internal.pricing;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import com.byomlab.usage.PriceFileException;

/** Turns a bad price file into Spring Boot's short "APPLICATION FAILED TO START" report with what to fix. */
class PriceFileFailureAnalyzer extends AbstractFailureAnalyzer<PriceFileException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PriceFileException cause) {
        String action = cause.bundled()
                ? "The bundled price table is broken: this is a build defect. Fix src/main/resources/"
                  + PriceFiles.BUNDLED_RESOURCE + " (or set byom.usage.price-file to a good file meanwhile)."
                : "Fix the lines listed in " + cause.file() + ", or point byom.usage.price-file (BYOM_USAGE_PRICE_FILE)"
                  + " at a good file, or unset it to use the bundled prices. Prices are USD per million tokens in our"
                  + " format {\"models\": [{\"provider\": \"openai\", \"model\": \"gpt-4o\", \"input_per_mtok\": \"2.50\","
                  + " \"output_per_mtok\": \"10.00\", \"cached_input_per_mtok\": \"1.25\"}]}, or USD per token in a"
                  + " LiteLLM model_prices_and_context_window.json; none may be negative or above 10000 per million.";
        return new FailureAnalysis("BYOM Lab will not start with prices it cannot trust. " + cause.getMessage(),
                action, cause);
    }
}
