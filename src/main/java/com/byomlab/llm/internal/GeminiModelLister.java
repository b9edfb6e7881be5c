package com.byomlab.llm.internal;

import java.time.Duration;
import java.util.List;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ModelInfo;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.googleai.GoogleAiGeminiModelCatalog;

/**
 * GET /v1beta/models, following nextPageToken. LangChain4j sends the key in the x-goog-api-key header, never
 * as ?key= (a URL ends up in access logs).
 */
final class GeminiModelLister implements ModelLister {

    @Override
    public List<ModelInfo> listModels(Endpoint endpoint, ApiKey key, HttpClientBuilder http, Duration timeout) {
        return GoogleAiGeminiModelCatalog.builder()
                .httpClientBuilder(http)
                .baseUrl(endpoint.baseUrl()) // null: https://generativelanguage.googleapis.com/v1beta
                .apiKey(key.reveal())
                .timeout(timeout)
                .logRequestsAndResponses(false)
                .logRequests(false)
                .logResponses(false)
                .build()
                .listModels()
                .stream()
                .map(CatalogModels::toModelInfo)
                .toList();
    }
}
