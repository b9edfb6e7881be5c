package com.byomlab.llm.internal;

import java.time.Duration;
import java.util.List;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ModelInfo;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicModelCatalog;

/** GET /v1/models with x-api-key and anthropic-version (LangChain4j sends 2023-06-01). */
final class AnthropicModelLister implements ModelLister {

    @Override
    public List<ModelInfo> listModels(Endpoint endpoint, ApiKey key, HttpClientBuilder http, Duration timeout) {
        return AnthropicModelCatalog.builder()
                .httpClientBuilder(http)
                .baseUrl(withTrailingSlash(endpoint.baseUrl())) // null: https://api.anthropic.com/v1/
                .apiKey(key.reveal())
                .timeout(timeout)
                .logRequests(false)
                .logResponses(false)
                .build()
                .listModels()
                .stream()
                .map(CatalogModels::toModelInfo)
                .toList();
    }

    // LangChain4j's Anthropic client appends "models" to the base URL as given.
    private static String withTrailingSlash(String url) {
        return url == null || url.endsWith("/") ? url : url + "/";
    }
}
