package com.byomlab.llm.internal.providers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ErrorCode;
import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.TokenCounts;
import com.byomlab.llm.internal.Endpoint;
import com.byomlab.llm.internal.ProviderDriver;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.TokenUsage;

/**
 * The wire side of every provider that speaks OpenAI's Chat Completions at its base URL with a Bearer key (OpenAI,
 * OpenAI-compatible servers, the presets): written once here, so those profiles hold only what tells them apart.
 * Azure speaks the same format on another path and header, and builds its models itself.
 */
interface OpenAiWireDriver extends ProviderDriver {

    @Override
    default Map<String, String> keyHeaders(ApiKey key) {
        return OpenAiWire.bearer(key);
    }

    @Override
    default ChatModel blocking(ModelSpec spec) {
        return OpenAiWire.blocking(spec, spec.endpoint().baseUrl(), null);
    }

    @Override
    default StreamingChatModel streaming(ModelSpec spec) {
        return OpenAiWire.streaming(spec, spec.endpoint().baseUrl(), null);
    }

    /** Every server speaking OpenAI's protocol may serve {@code /embeddings}; one without it answers 404. */
    @Override
    default Optional<String> embeddingsUnavailable() {
        return Optional.empty();
    }

    @Override
    default EmbeddingModel embeddings(ModelSpec spec, Integer dimensions, ApiKey key) {
        return OpenAiWire.embeddings(spec, spec.endpoint().baseUrl(), null, dimensions);
    }

    @Override
    default List<ModelInfo> listModels(Endpoint endpoint, ApiKey key, HttpClientBuilder http, Duration timeout) {
        return OpenAiWire.listModels(endpoint, key, http, timeout);
    }

    @Override
    default TokenCounts usage(TokenUsage usage) {
        return OpenAiWire.usage(usage);
    }

    /**
     * 400 {@code context_length_exceeded}: "This model's maximum context length is 128000 tokens. However, your
     * messages resulted in 130532 tokens." (the counts only are kept).
     */
    @Override
    default Optional<long[]> promptTooLong(int status, String body) {
        return OpenAiWire.contextLengthExceeded(body);
    }

    @Override
    default TokenCounts usage(ChatResponse response) {
        return OpenAiWire.usage(response);
    }

    @Override
    default Optional<ErrorCode> bodySignal(int status, String body) {
        return OpenAiWire.insufficientQuota(status, body) ? Optional.of(ErrorCode.INSUFFICIENT_QUOTA) : Optional.empty();
    }
}
