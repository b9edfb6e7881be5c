package com.byomlab.llm.internal;

import java.time.Duration;
import java.util.List;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ModelInfo;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.openai.OpenAiModelCatalog;

/** GET {base}/models with a Bearer key: OpenAI itself and every OpenAI-compatible server. */
final class OpenAiModelLister implements ModelLister {

    @Override
    public List<ModelInfo> listModels(Endpoint endpoint, ApiKey key, HttpClientBuilder http, Duration timeout) {
        return OpenAiModelCatalog.builder()
                .httpClientBuilder(http)
                .baseUrl(endpoint.baseUrl()) // null: LangChain4j's https://api.openai.com/v1/
                .apiKey(key.reveal())
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .logRequests(false)   // request logs would carry the Authorization header
                .logResponses(false)
                .build()
                .listModels()
                .stream()
                .map(CatalogModels::toModelInfo)
                .toList();
    }
}
