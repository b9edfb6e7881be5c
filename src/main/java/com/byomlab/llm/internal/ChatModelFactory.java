package com.byomlab.llm.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import com.byomlab.llm.Provider;
import com.byomlab.llm.internal.bedrock.BedrockChatModels;
import com.byomlab.llm.internal.http.CallScope;
import com.byomlab.llm.internal.http.GuardedHttpClientBuilder;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

/**
 * Builds the provider's LangChain4j chat model for one (provider, endpoint, model), without a key: the key goes on
 * each request as a header from the {@link CallScope} of the call ({@link #keyHeaders}), so one built model serves
 * every call and every key ({@link ChatModels} keeps them). Always: our HTTP client (guarded pools, no redirects),
 * no LangChain4j retries (we own the policy), request/response logging off (it would print keys).
 *
 * <p>Azure OpenAI speaks the OpenAI wire format on {@code {endpoint}/openai/deployments/{deployment}/chat/completions
 * ?api-version=...} with an {@code api-key} header (https://learn.microsoft.com/en-us/azure/ai-services/openai/reference,
 * "Chat completions"). LangChain4j's OpenAI client appends {@code /chat/completions} to its base URL, adds
 * {@code customQueryParams} to the URL and sends {@code Authorization} only when given an API key, so the
 * deployment path as base URL, no API key, {@code api-key} as a custom header and {@code api-version} as a custom
 * query parameter produce exactly Azure's request.
 *
 * <p>Anthropic's and Gemini's clients insist on an API key at build time; they get {@link #NO_KEY}, which is never
 * sent: their custom headers are applied after their key header under the same name ({@code x-api-key},
 * {@code x-goog-api-key}) and replace it, and without a {@link CallScope} the request is not built at all.
 */
public final class ChatModelFactory {

    /** Anthropic requires max_tokens; generous enough for an agent step's report. */
    static final int ANTHROPIC_MAX_TOKENS = 4096;

    /** Stands in for the key at build time where a builder requires one; replaced on every request. */
    public static final String NO_KEY = "key-is-set-per-call";

    /** The header that carries the key, as each provider's API reference names it. */
    public static Map<String, String> keyHeaders(Provider provider, String key) {
        return switch (provider) {
            case OPENAI, OPENAI_COMPATIBLE -> Map.of("Authorization", "Bearer " + key);
            case AZURE_OPENAI -> Map.of("api-key", key);
            case ANTHROPIC -> Map.of("x-api-key", key);
            case GOOGLE -> Map.of("x-goog-api-key", key);
            case BEDROCK -> Map.of(); // the AWS SDK signs with the key (CallScope.key()); no header carries it
        };
    }

    public ChatModel blocking(Provider provider, Endpoint endpoint, String model, HttpClientBuilder http,
            Duration timeout) {
        Supplier<Map<String, String>> key = CallScope::headers;
        return switch (provider) {
            case OPENAI, OPENAI_COMPATIBLE -> OpenAiChatModel.builder().httpClientBuilder(http)
                    .baseUrl(endpoint.baseUrl()).customHeaders(key).modelName(model)
                    .timeout(timeout).maxRetries(0).logRequests(false).logResponses(false).build();
            case AZURE_OPENAI -> OpenAiChatModel.builder().httpClientBuilder(http)
                    .baseUrl(azureDeploymentUrl(endpoint, model)).modelName(model)
                    .customHeaders(key).customQueryParams(Map.of("api-version", endpoint.apiVersion()))
                    .timeout(timeout).maxRetries(0).logRequests(false).logResponses(false).build();
            case ANTHROPIC -> AnthropicChatModel.builder().httpClientBuilder(http)
                    .baseUrl(endpoint.baseUrl()).apiKey(NO_KEY).customHeaders(key).modelName(model)
                    .maxTokens(ANTHROPIC_MAX_TOKENS)
                    .timeout(timeout).maxRetries(0).logRequests(false).logResponses(false).build();
            case GOOGLE -> GoogleAiGeminiChatModel.builder().httpClientBuilder(http)
                    .baseUrl(endpoint.baseUrl()).apiKey(NO_KEY).customHeaders(key).modelName(model)
                    .timeout(timeout).maxRetries(0)
                    .logRequestsAndResponses(false).logRequests(false).logResponses(false).build();
            case BEDROCK -> BedrockChatModels.blocking(endpoint, model, (GuardedHttpClientBuilder) http);
        };
    }

    public StreamingChatModel streaming(Provider provider, Endpoint endpoint, String model, HttpClientBuilder http,
            Duration timeout) {
        // LangChain4j's streaming models never retry; OpenAI's sends stream_options.include_usage=true.
        Supplier<Map<String, String>> key = CallScope::headers;
        return switch (provider) {
            case OPENAI, OPENAI_COMPATIBLE -> OpenAiStreamingChatModel.builder().httpClientBuilder(http)
                    .baseUrl(endpoint.baseUrl()).customHeaders(key).modelName(model)
                    .timeout(timeout).logRequests(false).logResponses(false).build();
            case AZURE_OPENAI -> OpenAiStreamingChatModel.builder().httpClientBuilder(http)
                    .baseUrl(azureDeploymentUrl(endpoint, model)).modelName(model)
                    .customHeaders(key).customQueryParams(Map.of("api-version", endpoint.apiVersion()))
                    .timeout(timeout).logRequests(false).logResponses(false).build();
            case ANTHROPIC -> AnthropicStreamingChatModel.builder().httpClientBuilder(http)
                    .baseUrl(endpoint.baseUrl()).apiKey(NO_KEY).customHeaders(key).modelName(model)
                    .maxTokens(ANTHROPIC_MAX_TOKENS)
                    .timeout(timeout).logRequests(false).logResponses(false).build();
            case GOOGLE -> GoogleAiGeminiStreamingChatModel.builder().httpClientBuilder(http)
                    .baseUrl(endpoint.baseUrl()).apiKey(NO_KEY).customHeaders(key).modelName(model)
                    .timeout(timeout)
                    .logRequestsAndResponses(false).logRequests(false).logResponses(false).build();
            case BEDROCK -> BedrockChatModels.streaming(endpoint, model, (GuardedHttpClientBuilder) http);
        };
    }

    private static String azureDeploymentUrl(Endpoint endpoint, String deployment) {
        return endpoint.baseUrl() + "/openai/deployments/" + URLEncoder.encode(deployment, StandardCharsets.UTF_8);
    }
}
