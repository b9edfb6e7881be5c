package com.byomlab.llm;

import java.util.List;

/**
 * Outcome of a live key check.
 *
 * @param models what the key can see (also filled when only the model name was wrong); empty on failure
 * @param error  null when valid
 */
public record ValidationResult(boolean valid, Provider provider, long latencyMs, List<ModelInfo> models,
        ProviderError error) {

    public ValidationResult {
        models = models == null ? List.of() : List.copyOf(models);
    }

    static ValidationResult valid(Provider provider, long latencyMs, List<ModelInfo> models) {
        return new ValidationResult(true, provider, latencyMs, models, null);
    }

    static ValidationResult invalid(Provider provider, long latencyMs, List<ModelInfo> models, ProviderError error) {
        return new ValidationResult(false, provider, latencyMs, models, error);
    }
}
