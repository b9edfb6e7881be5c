package com.byomlab.llm.internal.providers;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Supplier;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.TokenCounts;
import com.byomlab.llm.internal.Endpoint;
import com.byomlab.llm.internal.ProviderDriver.ModelSpec;
import com.byomlab.llm.internal.http.CallScope;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI's Chat Completions protocol, shared by every provider that speaks it (OpenAI, Azure OpenAI, every
 * OpenAI-compatible server and preset). Always: our HTTP client (guarded pools, no redirects), no LangChain4j retries
 * (we own the policy), request/response logging off (it would print keys), the key from the call's
 * {@link CallScope} on each request.
 */
final class OpenAiWire {

    private OpenAiWire() {
    }

    static Map<String, String> bearer(ApiKey key) {
        return Map.of("Authorization", "Bearer " + key.reveal());
    }

    /** A chat model on {@code baseUrl} + {@code /chat/completions} (null: LangChain4j's https://api.openai.com/v1). */
    static ChatModel blocking(ModelSpec spec, String baseUrl, Map<String, String> queryParams) {
        Supplier<Map<String, String>> key = CallScope::headers;
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder().httpClientBuilder(spec.http())
                .baseUrl(baseUrl).customHeaders(key).modelName(spec.model())
                .timeout(spec.timeout()).maxRetries(0).logRequests(false).logResponses(false);
        if (queryParams != null) {
            builder.customQueryParams(queryParams);
        }
        return builder.build();
    }

    /** LangChain4j's streaming models never retry; OpenAI's sends stream_options.include_usage=true. */
    static StreamingChatModel streaming(ModelSpec spec, String baseUrl, Map<String, String> queryParams) {
        Supplier<Map<String, String>> key = CallScope::headers;
        OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder builder = OpenAiStreamingChatModel.builder()
                .httpClientBuilder(spec.http()).baseUrl(baseUrl).customHeaders(key).modelName(spec.model())
                .timeout(spec.timeout()).logRequests(false).logResponses(false);
        if (queryParams != null) {
            builder.customQueryParams(queryParams);
        }
        return builder.build();
    }

    /**
     * An embedding model on {@code baseUrl} + {@code /embeddings} (null: https://api.openai.com/v1), key from the
     * call's {@link CallScope}, no LangChain4j retries. Vectors come as floats: a client that asks for base64 gets
     * them encoded by the gateway.
     */
    static EmbeddingModel embeddings(ModelSpec spec, String baseUrl, Map<String, String> queryParams,
            Integer dimensions) {
        Supplier<Map<String, String>> key = CallScope::headers;
        OpenAiEmbeddingModel.OpenAiEmbeddingModelBuilder builder = OpenAiEmbeddingModel.builder()
                .httpClientBuilder(spec.http()).baseUrl(baseUrl).customHeaders(key).modelName(spec.model())
                .dimensions(dimensions).timeout(spec.timeout()).maxRetries(0).logRequests(false).logResponses(false);
        if (queryParams != null) {
            builder.customQueryParams(queryParams);
        }
        return builder.build();
    }

    /**
     * OpenAI's usage already has the one meaning: {@code prompt_tokens} includes
     * {@code prompt_tokens_details.cached_tokens} and {@code completion_tokens} includes
     * {@code completion_tokens_details.reasoning_tokens}. Cache writes are read from the raw answer ({@link #usage(dev.langchain4j.model.chat.response.ChatResponse)}).
     */
    static TokenCounts usage(TokenUsage usage) {
        if (usage == null || (usage.inputTokenCount() == null && usage.outputTokenCount() == null)) {
            return TokenCounts.notReported();
        }
        Integer cached = null;
        Integer reasoning = null;
        if (usage instanceof OpenAiTokenUsage openAi) {
            cached = openAi.inputTokensDetails() == null ? null : openAi.inputTokensDetails().cachedTokens();
            reasoning = openAi.outputTokensDetails() == null ? null : openAi.outputTokensDetails().reasoningTokens();
        }
        return new TokenCounts(usage.inputTokenCount(), usage.outputTokenCount(), cached, null, reasoning, true);
    }

    /**
     * As {@link #usage(TokenUsage)}, with the cache writes LangChain4j 1.19 does not map:
     * {@code prompt_tokens_details.cache_write_tokens} (part of {@code prompt_tokens}, like {@code cached_tokens};
     * GPT-5.6 and later bill them at 1.25x input; earlier models report none).
     */
    static TokenCounts usage(dev.langchain4j.model.chat.response.ChatResponse response) {
        TokenCounts counts = usage(response.tokenUsage());
        if (!counts.reported()) {
            return counts;
        }
        Integer writes = RawUsage.last(RawUsage.of(response, "cache_write_tokens"), "prompt_tokens_details", "cache_write_tokens");
        return writes == null ? counts : new TokenCounts(counts.input(), counts.output(), counts.cachedInput(), writes,
                null, counts.reasoning(), true);
    }

    /** GET {base}/models with a Bearer key, through LangChain4j's catalog (answers {@code {"data":[...]}}). */
    static List<ModelInfo> listModels(Endpoint endpoint, ApiKey key, HttpClientBuilder http, Duration timeout) {
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

    /**
     * OpenAI (and Azure) out-of-credit: 429 with {@code error.code} or {@code error.type} "insufficient_quota"
     * (https://platform.openai.com/docs/guides/error-codes).
     */
    private static final java.util.regex.Pattern CONTEXT_COUNTS = java.util.regex.Pattern.compile(
            "maximum context length is (\\d{1,12}) tokens.*?resulted in (\\d{1,12}) tokens");

    static Optional<long[]> contextLengthExceeded(String body) {
        JsonNode error = Json.parseLenient(body).path("error");
        if (!"context_length_exceeded".equals(Json.text(error.path("code")))) {
            return Optional.empty();
        }
        java.util.regex.Matcher counts = CONTEXT_COUNTS.matcher(Json.text(error.path("message")));
        return Optional.of(counts.find()
                ? new long[] {Long.parseLong(counts.group(2)), Long.parseLong(counts.group(1))} : new long[0]);
    }

    static boolean insufficientQuota(int status, String body) {
        if (status != 429) {
            return false;
        }
        JsonNode error = Json.parseLenient(body).path("error");
        // Azure spells codes in PascalCase ("InsufficientQuota"), so compare without case or underscores.
        return isInsufficientQuota(Json.text(error.path("code"))) || isInsufficientQuota(Json.text(error.path("type")));
    }

    private static boolean isInsufficientQuota(String code) {
        return code.replace("_", "").equalsIgnoreCase("insufficientquota");
    }
}
