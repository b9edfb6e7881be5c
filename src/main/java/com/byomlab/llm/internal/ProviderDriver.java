package com.byomlab.llm.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ErrorCode;
import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.ProviderProfile;
import com.byomlab.llm.TokenCounts;
import com.byomlab.llm.internal.http.CallScope;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.TokenUsage;

/**
 * The wire side of a {@link ProviderProfile}: how this provider is called. Every profile class implements both, so
 * all of one provider stays in one file under {@code llm/internal/providers}; {@link Drivers#of} finds it.
 *
 * <p>Models are built once per (endpoint, model, streamed) and shared by every call and every key: they must not
 * hold a key. The key of the call is in its {@link CallScope} ({@link CallScope#headers()} for providers whose key
 * is a header, {@link CallScope#key()} for one whose SDK signs with it).
 */
public interface ProviderDriver extends ProviderProfile {

    /** The request headers that carry the key, as the provider's API reference names them. */
    Map<String, String> keyHeaders(ApiKey key);

    ChatModel blocking(ModelSpec spec);

    StreamingChatModel streaming(ModelSpec spec);

    /**
     * The provider's embedding model for one call, built for that call and dropped after it (so unlike the chat
     * models it may hold the key, where the provider's client takes it only at build time). Asked only when
     * {@link #embeddingsUnavailable()} is empty.
     *
     * @param dimensions the vector size asked for, or null for the model's own
     */
    default EmbeddingModel embeddings(ModelSpec spec, Integer dimensions, ApiKey key) {
        throw new UnsupportedOperationException(displayName() + " has no embeddings");
    }

    /**
     * The models this key can use: the cheapest live call that proves a key works.
     *
     * @param http    the HTTP client to use; it enforces the endpoint policy and the call deadline
     * @param timeout passed on where a client insists on its own timeout settings
     * @throws RuntimeException whatever the provider call threw; {@link ProviderErrorMapper} explains it
     */
    List<ModelInfo> listModels(Endpoint endpoint, ApiKey key, HttpClientBuilder http, Duration timeout);

    /** Whether {@code wanted} is one of the listed models (some providers spell ids two ways). */
    default boolean offers(List<ModelInfo> listed, String wanted) {
        return listed.stream().map(ModelInfo::id).anyMatch(wanted::equals);
    }

    /**
     * The usage of one answer in {@link TokenCounts}' one meaning (input includes cache reads and writes, output
     * includes reasoning), from the LangChain4j usage of this provider's model. Never null.
     */
    TokenCounts usage(TokenUsage usage);

    /**
     * The usage of one answer, from the whole answer: a provider whose usage carries counts LangChain4j does not map
     * (Anthropic's 1-hour cache writes, OpenAI's cache writes) reads them from the raw answer here. By default, the
     * counts of {@link #usage(TokenUsage)}.
     */
    default TokenCounts usage(ChatResponse response) {
        return usage(response.tokenUsage());
    }

    /**
     * What an error body says beyond its status: {@link ErrorCode#INVALID_KEY} or {@link ErrorCode#INSUFFICIENT_QUOTA}
     * when the provider marks those with another status (Gemini's 400 API_KEY_INVALID, OpenAI's 429
     * insufficient_quota), else empty. Reads markers only; the body's text never leaves.
     */
    default Optional<ErrorCode> bodySignal(int status, String body) {
        return Optional.empty();
    }

    /**
     * Whether a refused request's body says the prompt is longer than the model's context window; when it does, the
     * two counts where the body gives them (tokens sent, the model's maximum; null when not given). Reads markers
     * and numbers only: the body's text never leaves. Clients that shorten their conversation on that signal (Claude
     * Code compacts on Anthropic's "prompt is too long: N tokens > M maximum") get it in those words, on every
     * provider ({@link ProviderErrorMapper#promptTooLong}).
     */
    default Optional<long[]> promptTooLong(int status, String body) {
        return Optional.empty();
    }

    /** A wait the provider asked for in the error body (Gemini's RetryInfo), when there is no Retry-After header. */
    default Optional<Duration> requestedWait(String body) {
        return Optional.empty();
    }

    /**
     * A failure this provider's client reports in its own way (an Anthropic mid-stream error event; an SDK's own
     * exceptions), classified, or empty to classify it the common way (HTTP status, timeouts, network). Asked for
     * chat calls and model listings alike.
     *
     * @param causeChain the failure and its causes, outermost first
     */
    default Optional<ChatFailure> ownFailure(List<Throwable> causeChain) {
        return Optional.empty();
    }

    /**
     * The API root a passed-through request goes to when neither the operator nor the user names one (a request's
     * path, e.g. {@code messages}, is appended with a slash); null when the provider has no such root.
     */
    default String nativeApiRoot() {
        return defaultBaseUrl();
    }

    /** Why a 404 from the models list of a user-supplied base URL says the URL is wrong. */
    default String modelsNotFoundReason() {
        return "nothing answers at its /models path (does it need /v1 at the end?)";
    }

    /**
     * The request parameters that ask this provider to cache the stable prefix of a call (tools, system prompt), or
     * null when it caches on its own and needs no asking (OpenAI, Gemini: reads are reported as they happen).
     */
    default DefaultChatRequestParameters.Builder<?> cachingParameters() {
        return null;
    }

    /**
     * The messages with a cache breakpoint on the last one, so that the conversation so far is written to the cache
     * and the next call, which repeats it, reads it. Only asked when {@link #cachingParameters()} is not null.
     */
    default List<ChatMessage> withCacheBreakpoint(List<ChatMessage> messages) {
        return messages;
    }

    /** Where one model lives and how it is reached; no key. */
    record ModelSpec(Endpoint endpoint, String model, HttpClientBuilder http, Duration timeout) {
    }

    /** Stands in for the key at build time where a builder requires one; replaced on every request. */
    String NO_KEY = "key-is-set-per-call";
}
