package com.byomlab.llm;

import java.util.Objects;

/**
 * Which provider to call and, where the user supplies it, where it lives.
 *
 * @param baseUrl         the endpoint (azure_openai resource endpoint, openai_compatible base URL); null means the
 *                        provider default or the operator override. When {@code operatorTrusted} is false it is
 *                        user-supplied: subject to {@link BaseUrlPolicy} and reached through the guarded pool.
 * @param apiVersion      azure_openai only; null means the configured default
 * @param operatorTrusted true when the operator configured {@code baseUrl} (e.g. the system default model): it is
 *                        then reached like an operator override, without the user-endpoint policy
 * @param region          bedrock only: the AWS region the key's models are called in, e.g. us-east-1
 */
public record ProviderTarget(Provider provider, String baseUrl, String apiVersion, boolean operatorTrusted,
        String region) {

    public ProviderTarget {
        Objects.requireNonNull(provider, "provider");
    }

    public ProviderTarget(Provider provider, String baseUrl, String apiVersion, boolean operatorTrusted) {
        this(provider, baseUrl, apiVersion, operatorTrusted, null);
    }

    /** A user's target: any base URL in it is user-supplied. */
    public ProviderTarget(Provider provider, String baseUrl, String apiVersion) {
        this(provider, baseUrl, apiVersion, false);
    }

    public static ProviderTarget of(Provider provider) {
        return new ProviderTarget(provider, null, null);
    }

    public static ProviderTarget of(Provider provider, String baseUrl) {
        return new ProviderTarget(provider, baseUrl, null);
    }

    /** A target the operator configured; its base URL (if any) is trusted like {@code byom.providers.<id>.base-url}. */
    public static ProviderTarget operator(Provider provider, String baseUrl, String apiVersion) {
        return new ProviderTarget(provider, baseUrl, apiVersion, true);
    }

    /** A user's Bedrock target: the region their models are called in, AWS's own endpoint for it. */
    public static ProviderTarget bedrock(String region) {
        return new ProviderTarget(Provider.BEDROCK, null, null, false, region);
    }
}
