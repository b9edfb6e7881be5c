package com.byomlab.llm.internal.providers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ErrorCode;
import com.byomlab.llm.KeyShape;
import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.PriceNaming;
import com.byomlab.llm.PromptStyle;
import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import com.byomlab.llm.WireProtocol;
import com.byomlab.llm.internal.Endpoint;
import com.byomlab.llm.internal.ProviderDriver;
import com.byomlab.llm.internal.http.CallScope;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.googleai.GoogleAiEmbeddingModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiModelCatalog;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import tools.jackson.databind.JsonNode;

/**
 * Google Gemini: generateContent at https://generativelanguage.googleapis.com/v1beta with {@code x-goog-api-key}
 * (never {@code ?key=}: a URL ends up in access logs). LangChain4j's client insists on an API key at build time; it
 * gets {@link ProviderDriver#NO_KEY}, replaced on every request by the call's header of the same name.
 */
public final class GeminiProfile implements ProviderDriver {

    @Override
    public Provider provider() {
        return Provider.GOOGLE;
    }

    @Override
    public String displayName() {
        return "Google Gemini";
    }

    @Override
    public String help() {
        return "Gemini models. Create an API key in Google AI Studio.";
    }

    @Override
    public String keyPageUrl() {
        return "https://aistudio.google.com/app/apikey";
    }

    @Override
    public KeyShape keyShape() {
        return KeyShape.prefixed("AIza", "Gemini API keys look like AIza… (39 characters)");
    }

    @Override
    public WireProtocol wireProtocol() {
        return WireProtocol.GEMINI;
    }

    @Override
    public boolean userSuppliesBaseUrl() {
        return false;
    }

    @Override
    public String defaultBaseUrl() {
        return null; // LangChain4j's https://generativelanguage.googleapis.com/v1beta
    }

    /** Gemini 1.0 models reject a system instruction. */
    @Override
    public PromptStyle promptStyle(String model) {
        return model != null && (model.startsWith("gemini-1.0") || model.equals("gemini-pro"))
                ? PromptStyle.INSTRUCTIONS_IN_USER_TURN : PromptStyle.SYSTEM_MESSAGE;
    }

    @Override
    public String genAiProviderName() {
        return "gcp.gemini";
    }

    /** Gemini's own API wins over Vertex AI when both price a model; LiteLLM lists Gemini's embedding models under Vertex AI only. */
    @Override
    public PriceNaming priceNaming() {
        return PriceNaming.liteLlm("gemini", "vertex_ai-language-models", "vertex_ai-embedding-models");
    }

    @Override
    public Map<String, String> keyHeaders(ApiKey key) {
        return Map.of("x-goog-api-key", key.reveal());
    }

    @Override
    public ChatModel blocking(ModelSpec spec) {
        Supplier<Map<String, String>> key = CallScope::headers;
        return GoogleAiGeminiChatModel.builder().httpClientBuilder(spec.http())
                .baseUrl(spec.endpoint().baseUrl()).apiKey(NO_KEY).customHeaders(key).modelName(withoutPrefix(spec.model()))
                .timeout(spec.timeout()).maxRetries(0)
                .logRequestsAndResponses(false).logRequests(false).logResponses(false).build();
    }

    @Override
    public StreamingChatModel streaming(ModelSpec spec) {
        Supplier<Map<String, String>> key = CallScope::headers;
        return GoogleAiGeminiStreamingChatModel.builder().httpClientBuilder(spec.http())
                .baseUrl(spec.endpoint().baseUrl()).apiKey(NO_KEY).customHeaders(key).modelName(withoutPrefix(spec.model()))
                .timeout(spec.timeout())
                .logRequestsAndResponses(false).logRequests(false).logResponses(false).build();
    }

    @Override
    public Optional<String> embeddingsUnavailable() {
        return Optional.empty();
    }

    /**
     * {@code POST {base}/models/{model}:batchEmbedContents} through LangChain4j's Gemini embedding model, which takes
     * the key at build time only (sent as {@code x-goog-api-key}): built for this one call. Gemini's API reports no
     * token count for embeddings, so these calls are metered without usage.
     */
    @Override
    public EmbeddingModel embeddings(ModelSpec spec, Integer dimensions, ApiKey key) {
        return GoogleAiEmbeddingModel.builder().httpClientBuilder(spec.http()).baseUrl(spec.endpoint().baseUrl())
                .apiKey(key.reveal()).modelName(withoutPrefix(spec.model())).outputDimensionality(dimensions)
                .timeout(spec.timeout()).maxRetries(0)
                .logRequestsAndResponses(false).logRequests(false).logResponses(false).build();
    }

    /**
     * LangChain4j's Gemini client builds {@code {base}/models/{model}:generateContent}; Gemini's own resource name
     * {@code models/gemini-2.0-flash} (as its model list returns it) is accepted from users and sent without the prefix.
     */
    static String withoutPrefix(String model) {
        return model.startsWith("models/") ? model.substring("models/".length()) : model;
    }

    /** GET /v1beta/models, following nextPageToken. */
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

    /** Users may write the REST resource name, "models/gemini-2.5-flash". */
    @Override
    public boolean offers(List<ModelInfo> listed, String wanted) {
        String id = withoutPrefix(wanted);
        return listed.stream().map(ModelInfo::id).anyMatch(id::equals);
    }

    /**
     * {@code promptTokenCount} includes {@code cachedContentTokenCount} ("the total effective prompt size meaning
     * this includes the number of tokens in the cached content", UsageMetadata), while {@code thoughtsTokenCount} is
     * outside {@code candidatesTokenCount} and billed as output ("Output price (including thinking tokens)").
     * LangChain4j 1.19 maps candidatesTokenCount to output and thoughtsTokenCount apart: all output is their sum.
     */
    @Override
    public TokenCounts usage(TokenUsage usage) {
        if (usage == null || (usage.inputTokenCount() == null && usage.outputTokenCount() == null)) {
            return TokenCounts.notReported();
        }
        Integer cached = null;
        Integer thoughts = null;
        if (usage instanceof GoogleAiGeminiTokenUsage gemini) {
            cached = gemini.cachedContentTokenCount();
            thoughts = gemini.thoughtsTokenCount();
        }
        Integer output = usage.outputTokenCount() == null ? null
                : usage.outputTokenCount() + (thoughts == null ? 0 : thoughts);
        return new TokenCounts(usage.inputTokenCount(), output, cached, null, thoughts, true);
    }

    /**
     * Gemini answers a bad key with 400 INVALID_ARGUMENT whose ErrorInfo reason is API_KEY_INVALID
     * (https://ai.google.dev/gemini-api/docs/troubleshooting); 400 FAILED_PRECONDITION when the free tier is not
     * available and billing must be enabled; 429 whose QuotaFailure names a per-day quota when waiting will not help.
     */
    @Override
    public Optional<ErrorCode> bodySignal(int status, String body) {
        if (status == 400 && detailReason(body, "API_KEY_INVALID")) {
            return Optional.of(ErrorCode.INVALID_KEY);
        }
        if (status == 400 && "FAILED_PRECONDITION".equals(Json.text(Json.parseLenient(body).path("error").path("status")))) {
            return Optional.of(ErrorCode.INSUFFICIENT_QUOTA);
        }
        if (status == 429 && dailyQuotaExhausted(body)) {
            return Optional.of(ErrorCode.INSUFFICIENT_QUOTA);
        }
        return Optional.empty();
    }

    /**
     * Gemini's 429 carries no Retry-After header but a google.rpc.RetryInfo detail, {@code "retryDelay":"7s"}
     * (https://ai.google.dev/gemini-api/docs/rate-limits).
     */
    @Override
    public Optional<Duration> requestedWait(String body) {
        for (JsonNode detail : Json.parseLenient(body).path("error").path("details")) {
            String delay = Json.text(detail.path("retryDelay"));
            if (delay.matches("\\d+(\\.\\d+)?s")) {
                double seconds = Double.parseDouble(delay.substring(0, delay.length() - 1));
                return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
            }
        }
        return Optional.empty();
    }

    private static boolean dailyQuotaExhausted(String body) {
        for (JsonNode detail : Json.parseLenient(body).path("error").path("details")) {
            for (JsonNode violation : detail.path("violations")) {
                if (Json.text(violation.path("quotaId")).contains("PerDay")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean detailReason(String body, String reason) {
        for (JsonNode detail : Json.parseLenient(body).path("error").path("details")) {
            if (reason.equals(Json.text(detail.path("reason")))) {
                return true;
            }
        }
        return false;
    }
}
