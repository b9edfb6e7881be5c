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

    /**
     * Whether a key sent to this target goes to the same place as one sent to {@code other}: the same provider at the
     * same base URL, compared exactly (a trailing slash or another letter case counts as a change). Every field that
     * decides where a request goes belongs here, so that a stored key is never sent to a new place without its owner
     * entering it again. The API version and the model (Azure's deployment) only change the path on the same host.
     * The region (bedrock) is left out on purpose: it can only be an AWS region name, so it moves the key between
     * AWS's own endpoints, all of the key's issuer (and with an operator override it changes no host at all).
     */
    public boolean sameDestinationAs(ProviderTarget other) {
        return other != null && provider == other.provider && Objects.equals(baseUrl, other.baseUrl)
                && operatorTrusted == other.operatorTrusted;
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
