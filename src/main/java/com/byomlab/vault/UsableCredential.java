package com.byomlab.vault;

import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderTarget;

import java.util.UUID;

/**
 * What a session needs to know about a credential before it runs: where and which model, never the key.
 *
 * @param region bedrock only: the AWS region its models are called in
 */
public record UsableCredential(UUID id, Provider provider, String modelName, String baseUrl, String apiVersion,
                               String region) {

    public UsableCredential(UUID id, Provider provider, String modelName, String baseUrl, String apiVersion) {
        this(id, provider, modelName, baseUrl, apiVersion, null);
    }

    public ProviderTarget target() {
        return new ProviderTarget(provider, baseUrl, apiVersion, false, region);
    }
}
