package com.byomlab.llm;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.byomlab.llm.internal.BadBaseUrlException;
import com.byomlab.llm.internal.ChatFailure;
import com.byomlab.llm.internal.Endpoint;
import com.byomlab.llm.internal.EndpointResolver;
import com.byomlab.llm.internal.PassThroughAttempts;
import com.byomlab.llm.internal.ProviderErrorMapper;
import com.byomlab.llm.internal.RetryPolicy;
import com.byomlab.llm.internal.Sleeper;
import com.byomlab.llm.internal.http.ProviderHttpClients;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends a client's own request ({@link PassThrough}) to a provider that speaks its protocol natively, with the
 * credential's key, and forwards the answer to a {@link NativeSink} as it arrives: the other half of {@link LlmChat},
 * which translates. The same endpoint rules (operator override, a user's base URL only through {@link BaseUrlPolicy}
 * and the policy-guarded pool), the same retry policy (only while nothing has reached the client), the same call
 * timeout, and the same error taxonomy. Logs provider, model, outcome, attempts: never the key, the body or provider
 * text.
 */
@Component
public class LlmPassThrough {

    private static final Logger log = LoggerFactory.getLogger(LlmPassThrough.class);
    /** Floats read as BigDecimal, so rewriting the model leaves every other value as the client wrote it. */
    private static final JsonMapper BODY = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final EndpointResolver endpoints;
    private final PassThroughAttempts attempts;
    private final RetryPolicy retries;
    private final ProviderErrorMapper errors;
    private final Sleeper sleeper;

    @Autowired
    public LlmPassThrough(LlmProperties properties, LlmCallProperties callProperties, BaseUrlPolicy policy,
            ProviderHttpClients http) {
        this(properties, callProperties, policy, http, Sleeper.REAL);
    }

    public LlmPassThrough(LlmProperties properties, LlmCallProperties callProperties, BaseUrlPolicy policy,
            ProviderHttpClients http, Sleeper sleeper) {
        this.endpoints = new EndpointResolver(properties, policy);
        this.attempts = new PassThroughAttempts(http, callProperties.callTimeout());
        this.retries = new RetryPolicy(callProperties.retry());
        this.errors = new ProviderErrorMapper(callProperties.callTimeout());
        this.sleeper = sleeper;
    }

    /**
     * Forwards the request to {@code target} on {@code model}; blocks until the answer has been forwarded. The turn
     * returned carries the usage read from the answer, its stop reason, latency and attempts, and no message (the
     * answer went to the sink as the provider wrote it).
     *
     * @throws IllegalArgumentException when the target's provider does not speak the request's protocol (the
     *                                  caller translates instead)
     * @throws LlmCallException         the call failed; when part of the answer had reached the sink already it was
     *                                  not retried (the sink knows whether it started)
     */
    public ChatTurn call(ProviderTarget target, String model, PassThrough request, ApiKey key, NativeSink sink)
            throws LlmCallException, InterruptedException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sink, "sink");
        Provider provider = target.provider();
        if (provider.profile().wireProtocol() != request.api().protocol()) {
            throw new IllegalArgumentException(provider.id() + " does not speak " + request.api().protocol());
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (key == null || key.isBlank()) {
            throw new LlmCallException(provider, errors.emptyKey(provider), 0);
        }
        Optional<String> badModel = ModelIds.problem(model);
        if (badModel.isPresent()) {
            throw new LlmCallException(provider, errors.invalidModelId(provider, badModel.get()), 0);
        }
        Endpoint endpoint;
        String url;
        try {
            endpoint = endpoints.resolve(target);
            url = PassThroughAttempts.url(provider, endpoint, request.api());
        } catch (BadBaseUrlException e) {
            throw new LlmCallException(provider, errors.badBaseUrl(provider, e.getMessage()), 0);
        }
        byte[] body = withModel(request.body(), model);
        for (int attempt = 1; ; attempt++) {
            PassThroughAttempts.Outcome outcome = attempts.run(provider, endpoint, url, model, key, request, body,
                    sink, attempt);
            if (outcome.turn() != null) {
                log.debug("llm pass-through provider={} model={} api={} stream={} outcome=ok attempts={} latencyMs={}",
                        provider.id(), model, request.api(), request.stream(), attempt, outcome.turn().latencyMs());
                return outcome.turn();
            }
            ChatFailure failure = outcome.failure();
            Optional<Duration> wait = outcome.started() ? Optional.empty() : retries.waitBeforeRetry(attempt, failure);
            if (wait.isEmpty()) {
                log.info("llm pass-through provider={} model={} api={} stream={} outcome={} attempts={} started={}",
                        provider.id(), model, request.api(), request.stream(), failure.error().code().code(), attempt,
                        outcome.started());
                throw new LlmCallException(provider, failure.error(), attempt, failure.requestedWait().orElse(null),
                        failure.requestRejected());
            }
            log.info("llm pass-through provider={} model={} attempt={} failed={} retryInMs={}", provider.id(), model,
                    attempt, failure.error().code().code(), wait.get().toMillis());
            try {
                sink.onRetry(attempt + 1, failure.error(), wait.get());
            } catch (RuntimeException ignored) {
                // a listener's bug must not change the call's outcome
            }
            sleeper.sleep(wait.get());
        }
    }

    /**
     * The body as the client sent it when it names the model that runs; else with its top-level {@code model} set
     * to it (a fallback to another endpoint's credential). A body that is not a JSON object is sent as it is.
     */
    static byte[] withModel(byte[] body, String model) {
        JsonNode root;
        try {
            root = BODY.readTree(body);
        } catch (JacksonException e) {
            return body;
        }
        if (!(root instanceof ObjectNode object) || model.equals(object.path("model").asString(null))) {
            return body;
        }
        object.put("model", model);
        return BODY.writeValueAsBytes(object);
    }
}
