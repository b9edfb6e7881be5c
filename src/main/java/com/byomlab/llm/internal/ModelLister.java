package com.byomlab.llm.internal;

import java.time.Duration;
import java.util.List;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ModelInfo;

import dev.langchain4j.http.client.HttpClientBuilder;

/** Lists the models a key can use: the cheapest live call that proves a key works. */
public interface ModelLister {

    /**
     * @param http    the HTTP client to use; it enforces the endpoint policy and the call deadline
     * @param timeout passed to LangChain4j where it insists on its own timeout settings
     * @throws RuntimeException whatever the provider call threw; {@link ProviderErrorMapper} explains it
     */
    List<ModelInfo> listModels(Endpoint endpoint, ApiKey key, HttpClientBuilder http, Duration timeout);
}
