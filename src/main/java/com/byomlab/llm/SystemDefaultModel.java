package com.byomlab.llm;

import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's system default model (FR-BYOM-006/007): {@code byom.system-default.provider / .model / .api-key /
 * .base-url}. The base URL is optional and operator-trusted (not subject to the user-endpoint policy). Never the
 * user's own key.
 */
@ConfigurationProperties("byom.system-default")
public record SystemDefaultModel(String provider, String model, String apiKey, String baseUrl) {

    /** Provider, model and key all present, and the provider is one we support. */
    public boolean configured() {
        return knownProvider().isPresent() && present(model) && present(apiKey);
    }

    /** An operator-trusted target; only meaningful when {@link #configured()}. */
    public ProviderTarget target() {
        Provider known = knownProvider()
                .orElseThrow(() -> new IllegalStateException("byom.system-default.provider is missing or unknown"));
        return ProviderTarget.operator(known, present(baseUrl) ? baseUrl.trim() : null, null);
    }

    /** A fresh key holder for one call; the caller closes it. */
    public ApiKey key() {
        if (!present(apiKey)) {
            throw new IllegalStateException("byom.system-default.api-key is not set");
        }
        return ApiKey.of(apiKey.trim());
    }

    public Optional<Provider> knownProvider() {
        return Provider.fromId(provider);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** Never prints the key (records print every component by default). */
    @Override
    public String toString() {
        return "SystemDefaultModel[provider=" + provider + ", model=" + model + ", apiKey="
                + (present(apiKey) ? "[set]" : "[unset]") + ", baseUrl=" + baseUrl + "]";
    }
}
