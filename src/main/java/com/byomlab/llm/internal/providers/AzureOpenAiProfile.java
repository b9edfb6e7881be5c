package com.byomlab.llm.internal.providers;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ErrorCode;
import com.byomlab.llm.KeyShape;
import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.PriceNaming;
import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import com.byomlab.llm.WireProtocol;
import com.byomlab.llm.internal.Endpoint;
import com.byomlab.llm.internal.MalformedProviderResponseException;
import com.byomlab.llm.internal.PathSegments;
import com.byomlab.llm.internal.ProviderDriver;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.TokenUsage;
import tools.jackson.databind.JsonNode;

/**
 * Azure OpenAI speaks the OpenAI wire format on {@code {endpoint}/openai/deployments/{deployment}/chat/completions
 * ?api-version=...} with an {@code api-key} header (https://learn.microsoft.com/en-us/azure/ai-services/openai/reference,
 * "Chat completions"). LangChain4j's OpenAI client appends {@code /chat/completions} to its base URL, adds
 * {@code customQueryParams} to the URL and sends {@code Authorization} only when given an API key, so the
 * deployment path as base URL, no API key, {@code api-key} as a custom header and {@code api-version} as a custom
 * query parameter produce exactly Azure's request.
 */
public final class AzureOpenAiProfile implements ProviderDriver {

    @Override
    public Provider provider() {
        return Provider.AZURE_OPENAI;
    }

    @Override
    public String displayName() {
        return "Azure OpenAI";
    }

    @Override
    public String help() {
        return "Your Azure OpenAI resource. Key and endpoint are under Keys and Endpoint; "
                + "the model is the name of your deployment.";
    }

    @Override
    public String keyPageUrl() {
        return "https://portal.azure.com/"; // keys live under "Keys and Endpoint" of the user's resource
    }

    @Override
    public KeyShape keyShape() {
        return KeyShape.anyKey("Azure OpenAI keys are shown under 'Keys and Endpoint' of your resource");
    }

    @Override
    public WireProtocol wireProtocol() {
        return WireProtocol.OPENAI_CHAT;
    }

    @Override
    public boolean userSuppliesBaseUrl() {
        return true;
    }

    @Override
    public String defaultBaseUrl() {
        return null;
    }

    @Override
    public String baseUrlExample() {
        return "https://my-resource.openai.azure.com";
    }

    @Override
    public String baseUrlHelp() {
        return "your resource endpoint, e.g. https://my-resource.openai.azure.com";
    }

    @Override
    public boolean takesApiVersion() {
        return true;
    }

    /** The Azure OpenAI data-plane GA version whose REST reference we follow. */
    @Override
    public String defaultApiVersion() {
        return "2024-10-21";
    }

    @Override
    public boolean modelIsDeployment() {
        return true;
    }

    @Override
    public String invalidKeyHint() {
        return "Use KEY 1 or KEY 2 from \"Keys and Endpoint\" of the same Azure OpenAI resource as the endpoint.";
    }

    @Override
    public String modelsNotFoundReason() {
        return "nothing answers at its /openai/models path (wrong endpoint or api-version?)";
    }

    @Override
    public String genAiProviderName() {
        return "azure.ai.openai";
    }

    /** Azure deployments run OpenAI's models: an unlisted Azure model takes OpenAI's price of the same name. */
    @Override
    public PriceNaming priceNaming() {
        return new PriceNaming(List.of("azure"), false, Optional.of(Provider.OPENAI));
    }

    @Override
    public Map<String, String> keyHeaders(ApiKey key) {
        return Map.of("api-key", key.reveal());
    }

    @Override
    public ChatModel blocking(ModelSpec spec) {
        return OpenAiWire.blocking(spec, deploymentUrl(spec), apiVersion(spec.endpoint()));
    }

    @Override
    public StreamingChatModel streaming(ModelSpec spec) {
        return OpenAiWire.streaming(spec, deploymentUrl(spec), apiVersion(spec.endpoint()));
    }

    /** {@code POST {endpoint}/openai/deployments/{deployment}/embeddings?api-version=...}, the same key header. */
    @Override
    public Optional<String> embeddingsUnavailable() {
        return Optional.empty();
    }

    @Override
    public EmbeddingModel embeddings(ModelSpec spec, Integer dimensions, ApiKey key) {
        return OpenAiWire.embeddings(spec, deploymentUrl(spec), apiVersion(spec.endpoint()), dimensions);
    }

    private static String deploymentUrl(ModelSpec spec) {
        return spec.endpoint().baseUrl() + "/openai/deployments/" + PathSegments.encode(spec.model());
    }

    private static Map<String, String> apiVersion(Endpoint endpoint) {
        return Map.of("api-version", endpoint.apiVersion());
    }

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

    @Override
    public TokenCounts usage(TokenUsage usage) {
        return OpenAiWire.usage(usage);
    }

    @Override
    public TokenCounts usage(dev.langchain4j.model.chat.response.ChatResponse response) {
        return OpenAiWire.usage(response);
    }

    @Override
    public Optional<ErrorCode> bodySignal(int status, String body) {
        return OpenAiWire.insufficientQuota(status, body) ? Optional.of(ErrorCode.INSUFFICIENT_QUOTA) : Optional.empty();
    }
}
