package com.byomlab.llm.internal.providers;

import java.time.Duration;
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
import com.byomlab.llm.internal.ProviderDriver;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;

/** OpenAI: Chat Completions at https://api.openai.com/v1 with a Bearer key. */
public final class OpenAiProfile implements ProviderDriver {

    @Override
    public Provider provider() {
        return Provider.OPENAI;
    }

    @Override
    public String displayName() {
        return "OpenAI";
    }

    @Override
    public String help() {
        return "GPT models. Create a secret key under API keys in the OpenAI dashboard.";
    }

    @Override
    public String keyPageUrl() {
        return "https://platform.openai.com/api-keys";
    }

    @Override
    public KeyShape keyShape() {
        return KeyShape.prefixed("sk-", "OpenAI keys look like sk-proj-… (project keys) or sk-…");
    }

    @Override
    public WireProtocol wireProtocol() {
        return WireProtocol.OPENAI_CHAT;
    }

    @Override
    public boolean userSuppliesBaseUrl() {
        return false;
    }

    @Override
    public String defaultBaseUrl() {
        return null; // LangChain4j's https://api.openai.com/v1
    }

    @Override
    public PriceNaming priceNaming() {
        return PriceNaming.liteLlm("openai");
    }

    @Override
    public Map<String, String> keyHeaders(ApiKey key) {
        return OpenAiWire.bearer(key);
    }

    @Override
    public ChatModel blocking(ModelSpec spec) {
        return OpenAiWire.blocking(spec, spec.endpoint().baseUrl(), null);
    }

    @Override
    public StreamingChatModel streaming(ModelSpec spec) {
        return OpenAiWire.streaming(spec, spec.endpoint().baseUrl(), null);
    }

    @Override
    public List<ModelInfo> listModels(Endpoint endpoint, ApiKey key, HttpClientBuilder http, Duration timeout) {
        return OpenAiWire.listModels(endpoint, key, http, timeout);
    }

    @Override
    public TokenCounts usage(TokenUsage usage) {
        return OpenAiWire.usage(usage);
    }

    @Override
    public Optional<ErrorCode> bodySignal(int status, String body) {
        return OpenAiWire.insufficientQuota(status, body) ? Optional.of(ErrorCode.INSUFFICIENT_QUOTA) : Optional.empty();
    }
}
