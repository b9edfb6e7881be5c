package com.byomlab.vault;

import com.byomlab.llm.Provider;
import com.byomlab.llm.ProviderTarget;

import java.util.UUID;

/** What a session needs to know about a credential before it runs: where and which model, never the key. */
public record UsableCredential(UUID id, Provider provider, String modelName, String baseUrl, String apiVersion) {

    public ProviderTarget target() {
        return new ProviderTarget(provider, baseUrl, apiVersion);
    }
}
