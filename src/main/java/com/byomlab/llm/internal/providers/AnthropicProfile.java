package com.byomlab.llm.internal.providers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
import com.byomlab.llm.ProviderError;
import com.byomlab.llm.TokenCounts;
import com.byomlab.llm.WireProtocol;
import com.byomlab.llm.internal.ChatFailure;
import com.byomlab.llm.internal.Endpoint;
import com.byomlab.llm.internal.ProviderDriver;
import com.byomlab.llm.internal.http.CallScope;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicChatRequestParameters;
import dev.langchain4j.model.anthropic.AnthropicModelCatalog;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.anthropic.internal.api.AnthropicStreamingException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.output.TokenUsage;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic: the Messages API at https://api.anthropic.com/v1 with {@code x-api-key}. LangChain4j's client insists on
 * an API key at build time; it gets {@link ProviderDriver#NO_KEY}, which is never sent: custom headers are applied
 * after its key header under the same name and replace it, and without a {@link CallScope} no request is built.
 */
public final class AnthropicProfile implements ProviderDriver {

    /** Anthropic requires max_tokens; generous enough for an agent step's report. */
    static final int MAX_TOKENS = 4096;

    @Override
    public Provider provider() {
        return Provider.ANTHROPIC;
    }

    @Override
    public String displayName() {
        return "Anthropic";
    }

    @Override
    public String help() {
        return "Claude models. Create a key in the Anthropic Console under Settings → API keys.";
    }

    @Override
    public String keyPageUrl() {
        return "https://console.anthropic.com/settings/keys";
    }

    @Override
    public KeyShape keyShape() {
        return KeyShape.prefixed("sk-ant-", "Anthropic keys look like sk-ant-api03-…");
    }

    @Override
    public WireProtocol wireProtocol() {
        return WireProtocol.ANTHROPIC_MESSAGES;
    }

    @Override
    public boolean userSuppliesBaseUrl() {
        return false;
    }

    @Override
    public String defaultBaseUrl() {
        return null; // LangChain4j's https://api.anthropic.com/v1/
    }

    /** Where a passed-through request goes by default (the root LangChain4j's client uses too). */
    @Override
    public String nativeApiRoot() {
        return "https://api.anthropic.com/v1";
    }

    /** Claude follows instructions best with XML-structured prompts. */
    @Override
    public PromptStyle promptStyle(String model) {
        return PromptStyle.XML_SYSTEM_MESSAGE;
    }

    @Override
    public PriceNaming priceNaming() {
        return PriceNaming.liteLlm("anthropic");
    }

    @Override
    public Map<String, String> keyHeaders(ApiKey key) {
        return Map.of("x-api-key", key.reveal());
    }

    @Override
    public ChatModel blocking(ModelSpec spec) {
        Supplier<Map<String, String>> key = CallScope::headers;
        return AnthropicChatModel.builder().httpClientBuilder(spec.http())
                .baseUrl(spec.endpoint().baseUrl()).apiKey(NO_KEY).customHeaders(key).modelName(spec.model())
                .maxTokens(MAX_TOKENS)
                .timeout(spec.timeout()).maxRetries(0).logRequests(false).logResponses(false).build();
    }

    @Override
    public StreamingChatModel streaming(ModelSpec spec) {
        Supplier<Map<String, String>> key = CallScope::headers;
        return AnthropicStreamingChatModel.builder().httpClientBuilder(spec.http())
                .baseUrl(spec.endpoint().baseUrl()).apiKey(NO_KEY).customHeaders(key).modelName(spec.model())
                .maxTokens(MAX_TOKENS)
                .timeout(spec.timeout()).logRequests(false).logResponses(false).build();
    }

    /**
     * Breakpoints on the last tool and the system prompt (LangChain4j's {@code cacheTools}, {@code cacheSystemMessages});
     * with the one on the last message ({@link #withCacheBreakpoint}) three of the four Anthropic allows. Default
     * 5-minute TTL: a Lab turn follows the last within seconds.
     */
    @Override
    public DefaultChatRequestParameters.Builder<?> cachingParameters() {
        return AnthropicChatRequestParameters.builder().cacheTools(true).cacheSystemMessages(true);
    }

    /**
     * {@code cache_control} on the last message: LangChain4j 1.19 puts it on the last content block of a user
     * message, tool result or assistant message whose attribute {@code cache_control} is {@code "ephemeral"}. Only the
     * last message carries it, so a long conversation never goes past Anthropic's four breakpoints; the previous
     * turn's prefix is still found, within the 20 blocks Anthropic looks back from a breakpoint.
     */
    @Override
    public List<ChatMessage> withCacheBreakpoint(List<ChatMessage> messages) {
        if (messages.isEmpty()) {
            return messages;
        }
        List<ChatMessage> marked = new ArrayList<>(messages);
        ChatMessage last = marked.get(marked.size() - 1);
        ChatMessage withMark = last;
        if (last instanceof UserMessage user) {
            withMark = user.toBuilder().attributes(marked(user.attributes())).build();
        } else if (last instanceof ToolExecutionResultMessage result) {
            withMark = result.toBuilder().attributes(marked(result.attributes())).build();
        } else if (last instanceof AiMessage ai) {
            withMark = ai.toBuilder().attributes(marked(ai.attributes())).build();
        }
        marked.set(marked.size() - 1, withMark);
        return marked;
    }

    private static Map<String, Object> marked(Map<String, Object> attributes) {
        Map<String, Object> all = new HashMap<>(attributes == null ? Map.of() : attributes);
        all.put(CACHE_CONTROL, "ephemeral");
        return all;
    }

    /** The message attribute LangChain4j's Anthropic mapper reads (AnthropicMapper.CACHE_CONTROL). */
    static final String CACHE_CONTROL = "cache_control";

    /** GET /v1/models with x-api-key and anthropic-version (LangChain4j sends 2023-06-01). */
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

    /**
     * {@code input_tokens}, {@code cache_read_input_tokens} and {@code cache_creation_input_tokens} are disjoint
     * (Anthropic prompt-caching docs), and LangChain4j 1.19 passes {@code input_tokens} through unchanged
     * (AnthropicMapper.toTokenUsage): all input is their sum. Thinking is inside {@code output_tokens} and not
     * reported apart.
     */
    @Override
    public TokenCounts usage(TokenUsage usage) {
        if (usage == null || (usage.inputTokenCount() == null && usage.outputTokenCount() == null)) {
            return TokenCounts.notReported();
        }
        Integer reads = null;
        Integer writes = null;
        if (usage instanceof AnthropicTokenUsage anthropic) {
            reads = anthropic.cacheReadInputTokens();
            writes = anthropic.cacheCreationInputTokens();
        }
        Integer input = usage.inputTokenCount() == null ? null
                : usage.inputTokenCount() + orZero(reads) + orZero(writes);
        return new TokenCounts(input, usage.outputTokenCount(), reads, writes, null, true);
    }

    /**
     * As {@link #usage(TokenUsage)}, with the split of the cache writes LangChain4j 1.19 does not map:
     * {@code usage.cache_creation.ephemeral_1h_input_tokens} (1-hour writes, 2x input) beside
     * {@code ephemeral_5m_input_tokens} (1.25x). Without the split every write is a 5-minute write, the default TTL.
     */
    @Override
    public TokenCounts usage(dev.langchain4j.model.chat.response.ChatResponse response) {
        TokenCounts counts = usage(response.tokenUsage());
        if (!counts.reported() || counts.cacheWrite() == null || counts.cacheWrite() == 0) {
            return counts;
        }
        Integer oneHour = RawUsage.last(RawUsage.of(response, "ephemeral_1h_input_tokens"), "cache_creation", "ephemeral_1h_input_tokens");
        if (oneHour == null || oneHour > counts.cacheWrite()) {
            return counts;
        }
        return new TokenCounts(counts.input(), counts.output(), counts.cachedInput(), counts.cacheWrite(), oneHour,
                counts.reasoning(), true);
    }

    /**
     * Anthropic out-of-credit: 400 invalid_request_error "Your credit balance is too low..." or 402 billing_error
     * (https://docs.anthropic.com/en/api/errors), also seen with 429.
     */
    @Override
    public Optional<ErrorCode> bodySignal(int status, String body) {
        if ((status == 400 || status == 429) && billing(body)) {
            return Optional.of(ErrorCode.INSUFFICIENT_QUOTA);
        }
        return Optional.empty();
    }

    private static final java.util.regex.Pattern TOO_LONG =
            java.util.regex.Pattern.compile("prompt is too long: (\\d{1,12}) tokens > (\\d{1,12}) maximum");

    /** 400 invalid_request_error "prompt is too long: 208310 tokens > 200000 maximum" (the counts only are kept). */
    @Override
    public Optional<long[]> promptTooLong(int status, String body) {
        String message = Json.text(Json.parseLenient(body).path("error").path("message"));
        if (!message.toLowerCase(Locale.ROOT).contains("prompt is too long")) {
            return Optional.empty();
        }
        java.util.regex.Matcher counts = TOO_LONG.matcher(message);
        return Optional.of(counts.find()
                ? new long[] {Long.parseLong(counts.group(1)), Long.parseLong(counts.group(2))} : new long[0]);
    }

    private static boolean billing(String body) {
        JsonNode error = Json.parseLenient(body).path("error");
        return "billing_error".equals(Json.text(error.path("type")))
                || Json.text(error.path("message")).toLowerCase(Locale.ROOT).contains("credit balance");
    }

    /** Anthropic's mid-stream {@code event: error} (https://docs.anthropic.com/en/api/messages-streaming#error-events). */
    @Override
    public Optional<ChatFailure> ownFailure(List<Throwable> causeChain) {
        if (causeChain.stream().anyMatch(HttpException.class::isInstance)) {
            return Optional.empty();
        }
        return causeChain.stream().filter(AnthropicStreamingException.class::isInstance)
                .map(AnthropicStreamingException.class::cast).findFirst().map(e -> streamError(e.type()));
    }

    private ChatFailure streamError(String type) {
        if ("overloaded_error".equals(type) || "api_error".equals(type)) {
            return ChatFailure.transientFailure(error(ErrorCode.PROVIDER_UNAVAILABLE, displayName()
                    + " is overloaded right now.", "This is on the provider's side; try again in a few minutes."),
                    Optional.empty());
        }
        if ("rate_limit_error".equals(type)) {
            return ChatFailure.transientFailure(error(ErrorCode.RATE_LIMITED, displayName()
                    + " is rate-limiting this key right now.", "Wait a minute and try again."), Optional.empty());
        }
        return ChatFailure.permanent(error(ErrorCode.PROVIDER_UNAVAILABLE, displayName()
                + " stopped the answer with an error.", "Try again later; if it persists, tell the operator."));
    }

    private ProviderError error(ErrorCode code, String message, String hint) {
        return new ProviderError(code, message, hint, keyPageUrl());
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
