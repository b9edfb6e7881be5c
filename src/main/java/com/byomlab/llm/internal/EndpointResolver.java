package com.byomlab.llm.internal;

import com.byomlab.llm.BaseUrlPolicy;
import com.byomlab.llm.LlmProperties;
import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderProfile;
import com.byomlab.llm.ProviderTarget;

/**
 * Decides where a target is reached. A user's base URL is accepted only for providers whose profile says the user
 * supplies one (azure_openai, openai_compatible) and must pass {@link BaseUrlPolicy}; otherwise the operator override
 * (trusted) or the profile's public endpoint is used. A base URL in an operator-trusted target (the system
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
        ProviderProfile profile = provider.profile();
        String apiVersion = profile.takesApiVersion() ? apiVersion(target) : null;
        String region = profile.takesRegion() ? region(profile, target) : null;
        String userUrl = blankToNull(target.baseUrl());
        if (userUrl != null && target.operatorTrusted()) {
            // The operator typed it (system default model): trusted like byom.providers.<id>.base-url.
            return new Endpoint(stripTrailingSlash(userUrl), false, apiVersion, region);
        }
        if (userUrl != null) {
            if (!profile.userSuppliesBaseUrl()) {
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
                    if (profile.userSuppliesBaseUrl()) {
                        throw new BadBaseUrlException(provider.displayName() + " needs a base URL");
                    }
                    // a preset's public API root is operator-trusted like an override; null: the client's default
                    return new Endpoint(profile.defaultBaseUrl(), false, apiVersion, region);
                });
    }

    /** The region names the host (bedrock-runtime.REGION.amazonaws.com): only a well-formed one is ever used. */
    private static String region(ProviderProfile profile, ProviderTarget target) {
        profile.regionProblem(target.region()).ifPresent(problem -> {
            throw new BadBaseUrlException(problem.message());
        });
        return target.region().strip();
    }

    private String apiVersion(ProviderTarget target) {
        String requested = blankToNull(target.apiVersion());
        return requested != null ? requested : properties.apiVersion(target.provider());
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
