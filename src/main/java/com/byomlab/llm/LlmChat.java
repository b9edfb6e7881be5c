package com.byomlab.llm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.byomlab.llm.internal.BadBaseUrlException;
import com.byomlab.llm.internal.ChatAttempts;
import com.byomlab.llm.internal.ChatFailure;
import com.byomlab.llm.internal.Drivers;
import com.byomlab.llm.internal.Endpoint;
import com.byomlab.llm.internal.EndpointResolver;
import com.byomlab.llm.internal.ProviderDriver;
import com.byomlab.llm.internal.ProviderErrorMapper;
import com.byomlab.llm.internal.RetryPolicy;
import com.byomlab.llm.internal.Sleeper;
import com.byomlab.llm.internal.http.ProviderHttpClients;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;

/**
 * Sends one chat call to the provider and model a session chose, with that key, and retries per our policy
 * ({@link RetryPolicy}: 429 / 5xx / network only, 1 s, 2 s, 4 s, honouring Retry-After). Each attempt is bounded by
 * {@code byom.llm.call-timeout}. Logs provider, model, outcome, attempts and latency: never the key, never provider
 * text.
 */
@Component
public class LlmChat {

    private static final Logger log = LoggerFactory.getLogger(LlmChat.class);

    private final EndpointResolver endpoints;
    private final ChatAttempts attempts;
    private final RetryPolicy retries;
    private final ProviderErrorMapper errors;
    private final Sleeper sleeper;

    @Autowired
    public LlmChat(LlmProperties properties, LlmCallProperties callProperties, BaseUrlPolicy policy,
            ProviderHttpClients http) {
        this(properties, callProperties, policy, http, Sleeper.REAL);
    }

    /** With an injected sleeper, so tests can see the backoff waits without waiting. */
    public LlmChat(LlmProperties properties, LlmCallProperties callProperties, BaseUrlPolicy policy,
            ProviderHttpClients http, Sleeper sleeper) {
        this.endpoints = new EndpointResolver(properties, policy);
        this.attempts = new ChatAttempts(http, callProperties.callTimeout());
        this.retries = new RetryPolicy(callProperties.retry());
        this.errors = new ProviderErrorMapper(callProperties.callTimeout());
        this.sleeper = sleeper;
    }

    /**
     * Builds the provider's LangChain4j (streaming) chat model for this call with this key, sends it, retries per
     * policy. Blocks; throws InterruptedException promptly (and aborts the HTTP call) when the calling thread is
     * interrupted, also during a backoff wait.
     */
    public ChatTurn chat(ChatCall call, ApiKey key, ChatListener listener) throws LlmCallException, InterruptedException {
        Objects.requireNonNull(call, "call");
        ChatListener progress = listener == null ? ChatListener.NONE : listener;
        Provider provider = call.target().provider();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (key == null || key.isBlank()) {
            throw new LlmCallException(provider, errors.emptyKey(provider), 0);
        }
        // Every surface checks the id it takes; this is the last check before provider clients put it in a URL path
        // (a stored id from before the check existed, or a surface that forgot).
        Optional<String> badModel = ModelIds.problem(call.model());
        if (badModel.isPresent()) {
            throw new LlmCallException(provider, errors.invalidModelId(provider, badModel.get()), 0);
        }
        Endpoint endpoint;
        try {
            endpoint = endpoints.resolve(call.target());
        } catch (BadBaseUrlException e) {
            throw new LlmCallException(provider, errors.badBaseUrl(provider, e.getMessage()), 0);
        }
        ChatRequest request = request(call);
        for (int attempt = 1; ; attempt++) {
            ChatAttempts.Outcome outcome = attempts.run(provider, endpoint, call.model(), key, request, call.stream(),
                    progress, attempt);
            if (outcome.turn() != null) {
                // DEBUG: every call is a row of llm_usage and a count of byom.llm.calls already; at INFO this
                // line was a thirtieth of a gateway call's CPU. Failures and retries stay at INFO.
                log.debug("llm call provider={} model={} stream={} outcome=ok attempts={} latencyMs={}", provider.id(),
                        call.model(), call.stream(), attempt, outcome.turn().latencyMs());
                return outcome.turn();
            }
            ChatFailure failure = outcome.failure();
            Optional<Duration> wait = retries.waitBeforeRetry(attempt, failure);
            if (wait.isEmpty()) {
                log.info("llm call provider={} model={} stream={} outcome={} attempts={}", provider.id(), call.model(),
                        call.stream(), failure.error().code().code(), attempt);
                throw new LlmCallException(provider, failure.error(), attempt, failure.requestedWait().orElse(null),
                        failure.requestRejected());
            }
            log.info("llm call provider={} model={} attempt={} failed={} retryInMs={}", provider.id(), call.model(),
                    attempt, failure.error().code().code(), wait.get().toMillis());
            try {
                progress.onRetry(attempt + 1, failure.error(), wait.get());
            } catch (RuntimeException ignored) {
                // a listener's bug must not change the call's outcome
            }
            sleeper.sleep(wait.get());
        }
    }

    /**
     * One embeddings call on the provider and model named, with that key, retried per the same policy as a chat call.
     * A provider without embeddings ({@link ProviderProfile#embeddingsUnavailable()}) is refused before any network
     * call, as UNSUPPORTED_PROVIDER.
     */
    public EmbeddingAnswer embed(EmbeddingCall call, ApiKey key) throws LlmCallException, InterruptedException {
        Objects.requireNonNull(call, "call");
        Provider provider = call.target().provider();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Optional<String> unavailable = provider.profile().embeddingsUnavailable();
        if (unavailable.isPresent()) {
            throw new LlmCallException(provider, errors.noEmbeddings(provider, unavailable.get()), 0);
        }
        if (key == null || key.isBlank()) {
            throw new LlmCallException(provider, errors.emptyKey(provider), 0);
        }
        Optional<String> badModel = ModelIds.problem(call.model());
        if (badModel.isPresent()) {
            throw new LlmCallException(provider, errors.invalidModelId(provider, badModel.get()), 0);
        }
        Endpoint endpoint;
        try {
            endpoint = endpoints.resolve(call.target());
        } catch (BadBaseUrlException e) {
            throw new LlmCallException(provider, errors.badBaseUrl(provider, e.getMessage()), 0);
        }
        for (int attempt = 1; ; attempt++) {
            ChatAttempts.EmbeddingOutcome outcome = attempts.embed(provider, endpoint, call, key, attempt);
            if (outcome.answer() != null) {
                log.debug("llm embeddings provider={} model={} inputs={} outcome=ok attempts={}", provider.id(),
                        call.model(), call.inputs().size(), attempt);
                return outcome.answer();
            }
            ChatFailure failure = outcome.failure();
            Optional<Duration> wait = retries.waitBeforeRetry(attempt, failure);
            if (wait.isEmpty()) {
                log.info("llm embeddings provider={} model={} outcome={} attempts={}", provider.id(), call.model(),
                        failure.error().code().code(), attempt);
                throw new LlmCallException(provider, failure.error(), attempt, failure.requestedWait().orElse(null),
                        failure.requestRejected());
            }
            log.info("llm embeddings provider={} model={} attempt={} failed={} retryInMs={}", provider.id(),
                    call.model(), attempt, failure.error().code().code(), wait.get().toMillis());
            sleeper.sleep(wait.get());
        }
    }

    private static ChatRequest request(ChatCall call) {
        List<ChatMessage> messages = call.messages();
        DefaultChatRequestParameters.Builder<?> parameters = null;
        if (call.options().promptCaching()) {
            // the provider's own parameters carry its cache breakpoints on tools and system, and the messages one
            ProviderDriver driver = Drivers.of(call.target().provider());
            parameters = driver.cachingParameters();
            if (parameters != null) {
                messages = driver.withCacheBreakpoint(messages);
            }
        }
        if (parameters == null) {
            parameters = DefaultChatRequestParameters.builder();
        }
        if (!call.tools().isEmpty()) {
            parameters.toolSpecifications(call.tools());
        }
        ChatOptions options = call.options();
        // only what was asked for: an unset value keeps the model's default (e.g. Anthropic's max_tokens)
        if (options.temperature() != null) {
            parameters.temperature(options.temperature());
        }
        if (options.topP() != null) {
            parameters.topP(options.topP());
        }
        if (options.maxOutputTokens() != null) {
            parameters.maxOutputTokens(options.maxOutputTokens());
        }
        if (options.stopSequences() != null && !options.stopSequences().isEmpty()) {
            parameters.stopSequences(options.stopSequences());
        }
        if (options.toolChoice() != null && !call.tools().isEmpty()) {
            parameters.toolChoice(options.toolChoice());
        }
        return ChatRequest.builder().messages(messages).parameters(parameters.build()).build();
    }
}
