package com.byomlab.llm.internal;

import com.byomlab.llm.BaseUrlPolicy;
import com.byomlab.llm.LlmProperties;
import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderTarget;

/**
 * Decides where a target is reached. A user's base URL is accepted only for providers that need one
 * (azure_openai, openai_compatible) and must pass {@link BaseUrlPolicy}; otherwise the operator override
 * (trusted) or the provider's public endpoint is used. A base URL in an operator-trusted target (the system
 * default model) is used as given, like an operator override.
 */
public final class EndpointResolver {

    private final LlmProperties properties;
    private final BaseUrlPolicy policy;

    public EndpointResolver(LlmProperties properties, BaseUrlPolicy policy) {
        this.properties = properties;
        this.policy = policy;
    }

    public Endpoint resolve(ProviderTarget target) {
        Provider provider = target.provider();
        String apiVersion = provider == Provider.AZURE_OPENAI ? azureApiVersion(target) : null;
        String region = provider == Provider.BEDROCK ? bedrockRegion(target) : null;
        String userUrl = blankToNull(target.baseUrl());
        if (userUrl != null && target.operatorTrusted()) {
            // The operator typed it (system default model): trusted like byom.providers.<id>.base-url.
            return new Endpoint(stripTrailingSlash(userUrl), false, apiVersion, region);
        }
        if (userUrl != null) {
            if (!provider.requiresUserBaseUrl()) {
                throw new BadBaseUrlException(provider.displayName()
                        + " is always reached at its official endpoint; use openai_compatible for other servers");
            }
            policy.rejectionReason(userUrl).ifPresent(reason -> {
                throw new BadBaseUrlException(reason);
            });
            return new Endpoint(stripTrailingSlash(userUrl), true, apiVersion);
        }
        return properties.operatorBaseUrl(provider)
                .map(url -> new Endpoint(stripTrailingSlash(url), false, apiVersion, region))
                .orElseGet(() -> {
                    if (provider.requiresUserBaseUrl()) {
                        throw new BadBaseUrlException(provider.displayName() + " needs a base URL");
                    }
                    return region == null ? Endpoint.providerDefault() : new Endpoint(null, false, null, region);
                });
    }

    /** The region names the host (bedrock-runtime.REGION.amazonaws.com): only a well-formed one is used. */
    private static String bedrockRegion(ProviderTarget target) {
        String region = blankToNull(target.region());
        if (region == null) {
            throw new BadBaseUrlException("AWS Bedrock needs the AWS region of your models, e.g. us-east-1");
        }
        if (!com.byomlab.llm.AwsRegion.isValid(region)) {
            throw new BadBaseUrlException("'" + (region.length() > 40 ? region.substring(0, 40) + "..." : region)
                    + "' is not an AWS region name such as us-east-1");
        }
        return region;
    }

    private String azureApiVersion(ProviderTarget target) {
        String requested = blankToNull(target.apiVersion());
        return requested != null ? requested : properties.azureApiVersion();
    }

    private static String stripTrailingSlash(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
