package com.byomlab.llm;

import java.util.Objects;

/**
 * Which provider to call and, where the user supplies it, where it lives.
 *
 * @param baseUrl    user-supplied endpoint (azure_openai resource endpoint, openai_compatible base URL);
 *                   null means the provider default or the operator override. Always subject to {@link BaseUrlPolicy}.
 * @param apiVersion azure_openai only; null means the configured default
 */
public record ProviderTarget(Provider provider, String baseUrl, String apiVersion) {

    public ProviderTarget {
        Objects.requireNonNull(provider, "provider");
    }

    public static ProviderTarget of(Provider provider) {
        return new ProviderTarget(provider, null, null);
    }

    public static ProviderTarget of(Provider provider, String baseUrl) {
        return new ProviderTarget(provider, baseUrl, null);
    }
}
