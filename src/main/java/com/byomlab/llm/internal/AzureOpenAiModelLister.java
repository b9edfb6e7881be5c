package com.byomlab.llm.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ModelInfo;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import tools.jackson.databind.JsonNode;

/**
 * Azure OpenAI "Models - List" from the data-plane REST reference
 * (https://learn.microsoft.com/en-us/rest/api/azureopenai/models/list, api-version 2024-10-21):
 * {@code GET {endpoint}/openai/models?api-version=...} with the {@code api-key} header, answering
 * {@code {"data":[{"id":..., "capabilities":{...}, "lifecycle_status":..., ...}]}}.
 *
 * <p>Why not a deployments list: the GA data plane has none (deployments are listed by the ARM control
 * plane, which takes an Entra ID token, not the resource key). So this proves the key and endpoint, and
 * the deployment name a user gives cannot be checked here; the first chat call will tell.
 */
final class AzureOpenAiModelLister implements ModelLister {

    @Override
    public List<ModelInfo> listModels(Endpoint endpoint, ApiKey key, HttpClientBuilder http, Duration timeout) {
        HttpRequest request = HttpRequest.builder()
                .method(HttpMethod.GET)
                .url(endpoint.baseUrl() + "/openai/models?api-version="
                        + URLEncoder.encode(endpoint.apiVersion(), StandardCharsets.UTF_8))
                .addHeader("api-key", key.reveal())
                .addHeader("Accept", "application/json")
                .build();
        SuccessfulHttpResponse response = http.build().execute(request);
        JsonNode data = Json.parse(response.body()).path("data");
        if (!data.isArray()) {
            throw new MalformedProviderResponseException("no data array in the models list");
        }
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode model : data) {
            String id = Json.text(model.path("id"));
            if (!id.isEmpty()) {
                JsonNode created = model.path("created_at"); // Unix seconds
                models.add(new ModelInfo(id, id, null,
                        created.isIntegralNumber() && created.asLong() > 0 ? Instant.ofEpochSecond(created.asLong()) : null));
            }
        }
        return models;
    }
}
