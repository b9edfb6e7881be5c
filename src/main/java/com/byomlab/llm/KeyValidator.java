package com.byomlab.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.byomlab.llm.internal.BadBaseUrlException;
import com.byomlab.llm.internal.Endpoint;
import com.byomlab.llm.internal.EndpointResolver;
import com.byomlab.llm.internal.Drivers;
import com.byomlab.llm.internal.ProviderDriver;
import com.byomlab.llm.internal.ProviderErrorMapper;
import com.byomlab.llm.internal.http.GuardedHttpClientBuilder;
import com.byomlab.llm.internal.http.ProviderHttpClients;

/**
 * Checks a key against the real provider by listing its models, within {@code byom.llm.validation-timeout}
 * (one deadline for the whole check, pages included). Never throws for provider trouble: the result says
 * what happened and how to fix it.
 */
@Component
public class KeyValidator {

    private static final Logger log = LoggerFactory.getLogger(KeyValidator.class);

    private final EndpointResolver endpoints;
    private final ProviderHttpClients http;
    private final ProviderErrorMapper errors;
    private final Duration timeout;

    public KeyValidator(LlmProperties properties, BaseUrlPolicy policy, ProviderHttpClients http) {
        this.endpoints = new EndpointResolver(properties, policy);
        this.http = http;
        this.timeout = properties.validationTimeout();
        this.errors = new ProviderErrorMapper(timeout);
    }

    /**
     * @param modelName optional; when given it must be among the listed models, else {@link ErrorCode#UNKNOWN_MODEL}.
     *                  Where it names a deployment ({@link ProviderProfile#modelIsDeployment()}, azure_openai), the
     *                  key-authenticated data plane cannot list it, so it is not checked there.
     */
    public ValidationResult validate(ProviderTarget target, ApiKey key, String modelName) {
        Objects.requireNonNull(target, "target");
        Provider provider = target.provider();
        ProviderDriver driver = Drivers.of(provider);
        if (key == null || key.isBlank()) {
            return ValidationResult.invalid(provider, 0, List.of(), errors.emptyKey(provider));
        }
        Endpoint endpoint;
        try {
            endpoint = endpoints.resolve(target);
        } catch (BadBaseUrlException e) {
            log.info("key validation provider={} outcome=bad_base_url (refused before any call)", provider.id());
            return ValidationResult.invalid(provider, 0, List.of(), errors.badBaseUrl(provider, e.getMessage()));
        }
        GuardedHttpClientBuilder client = (endpoint.userSupplied() ? http.userEndpoint() : http.trustedEndpoint())
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .deadline(Instant.now().plus(timeout));
        long started = System.nanoTime();
        List<ModelInfo> models;
        try {
            models = driver.listModels(endpoint, key, client, timeout);
        } catch (RuntimeException e) {
            long latency = millisSince(started);
            ProviderError error = errors.map(provider, e, endpoint);
            // The class name only: exception messages may quote provider text.
            log.info("key validation provider={} outcome={} latencyMs={} cause={}", provider.id(),
                    error.code().code(), latency, e.getClass().getSimpleName());
            return ValidationResult.invalid(provider, latency, List.of(), error);
        }
        long latency = millisSince(started);
        String model = modelName == null || modelName.isBlank() ? null : modelName.trim();
        if (model != null && !driver.modelIsDeployment() && !driver.offers(models, model)) {
            log.info("key validation provider={} outcome=unknown_model latencyMs={}", provider.id(), latency);
            return ValidationResult.invalid(provider, latency, models, errors.unknownModel(provider, model));
        }
        log.info("key validation provider={} outcome=valid latencyMs={} models={}", provider.id(), latency, models.size());
        return ValidationResult.valid(provider, latency, models);
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
