package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.byomlab.llm.internal.http.ProviderHttpClients;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;
import com.byomlab.testsupport.fakes.Scenario;

/**
 * The behaviour every provider must show when a key is validated live. Each provider's test supplies its
 * fake, how the validator reaches it, and how its auth header must look.
 */
abstract class ProviderValidationContract {

    static final String KEY = "test-key-0123456789abcdefXYZ";
    static final String WRONG_KEY = "wrong-key-9876543210zyxwvuTSR";
    static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);

    FakeProviderServer fake;
    ProviderHttpClients clients;
    KeyValidator validator;

    abstract Provider provider();

    abstract FakeProviderServer startFake(String expectedKey);

    /** The target a user would send: a base URL only for providers that take one. */
    abstract ProviderTarget target();

    abstract void assertAuthenticatedWith(RecordedRequest request, String key);

    /** Trusted providers reach the fake through the operator override; user-URL providers through the target. */
    Map<String, LlmProperties.ProviderSettings> operatorOverrides() {
        return Map.of();
    }

    /** Fakes listen on 127.0.0.1, so user-supplied URLs need private endpoints allowed. */
    boolean allowPrivateEndpoints() {
        return provider().profile().userSuppliesBaseUrl();
    }

    @BeforeEach
    void start() {
        fake = startFake(KEY);
        LlmProperties properties = new LlmProperties(operatorOverrides(),
                new LlmProperties.Security(allowPrivateEndpoints()), new LlmProperties.Llm(SHORT_TIMEOUT));
        BaseUrlPolicy policy = new BaseUrlPolicy(properties.allowPrivateEndpoints());
        clients = new ProviderHttpClients(policy);
        validator = new KeyValidator(properties, policy, clients);
    }

    @AfterEach
    void stop() {
        clients.close();
        fake.close();
    }

    ValidationResult validate(String key) {
        return validate(key, null);
    }

    ValidationResult validate(String key, String model) {
        try (ApiKey apiKey = ApiKey.of(key)) {
            return validator.validate(target(), apiKey, model);
        }
    }

    @Test
    void validKeyListsTheModels() {
        fake.models("model-a", "model-b");

        ValidationResult result = validate(KEY);

        assertThat(result.valid()).isTrue();
        assertThat(result.error()).isNull();
        assertThat(result.provider()).isEqualTo(provider());
        assertThat(result.models()).extracting(ModelInfo::id).containsExactly("model-a", "model-b");
        assertThat(result.models()).extracting(ModelInfo::createdAt).containsOnly(createdAtInTheFakesList());
        assertThat(result.latencyMs()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void requestCarriesTheKeyInTheAuthHeaderAndNeverInTheUrl() {
        validate(KEY);

        RecordedRequest request = fake.lastRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertAuthenticatedWith(request, KEY);
        assertThat(request.requestLine()).doesNotContain(KEY);
    }

    @Test
    void wrongKeyIsInvalidKeyWithTheKeyPageAndWithoutRetrying() {
        ValidationResult result = validate(WRONG_KEY);

        assertFailure(result, ErrorCode.INVALID_KEY);
        assertThat(result.error().docsUrl()).isEqualTo(provider().profile().keyPageUrl());
        assertThat(result.toString()).doesNotContain(WRONG_KEY);
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void throttledKeyIsRateLimitedWithRetryAdvice() {
        fake.script(Scenario.rateLimited(7));

        ValidationResult result = validate(KEY);

        assertFailure(result, ErrorCode.RATE_LIMITED);
        // a Retry-After header, or Gemini's RetryInfo detail
        assertThat(result.error().hint()).isEqualTo(throttledHint());
    }

    /** The advice for a throttled key; Bedrock's answer carries no wait (AWS sends no Retry-After). */
    String throttledHint() {
        return "Wait 7 seconds and try again.";
    }

    /** The creation time the fake's model list gives each model; null where the provider's list has none. */
    abstract java.time.Instant createdAtInTheFakesList();

    @Test
    void accountWithoutCreditIsInsufficientQuota() {
        fake.script(Scenario.quotaExhausted());

        assertFailure(validate(KEY), ErrorCode.INSUFFICIENT_QUOTA);
    }

    @Test
    void serverErrorIsProviderUnavailable() {
        fake.script(Scenario.serverError(500));

        assertFailure(validate(KEY), ErrorCode.PROVIDER_UNAVAILABLE);
    }

    @Test
    void overloadedProviderIsProviderUnavailable() {
        fake.script(Scenario.overloaded());

        assertFailure(validate(KEY), ErrorCode.PROVIDER_UNAVAILABLE);
    }

    @Test
    void malformedJsonIsProviderUnavailable() {
        fake.script(Scenario.malformedJson());

        assertFailure(validate(KEY), ErrorCode.PROVIDER_UNAVAILABLE);
    }

    @Test
    void providerThatNeverAnswersTimesOut() {
        fake.script(Scenario.hang());

        ValidationResult result = validate(KEY);

        assertFailure(result, ErrorCode.TIMEOUT);
        // Bounded by the 1 s budget, not by a socket default or the fake's lifetime.
        assertThat(result.latencyMs()).isBetween(900L, 5_000L);
    }

    @Test
    void redirectIsNotFollowed() {
        try (FakeProviderServer elsewhere = startFake(KEY)) {
            fake.script(Scenario.redirectTo(elsewhere.baseUrl() + "/models"));

            ValidationResult result = validate(KEY);

            assertThat(result.valid()).isFalse();
            assertThat(elsewhere.requests()).isEmpty();
        }
    }

    @Test
    void modelTheKeyCannotUseIsUnknownModel() {
        fake.models("model-a", "model-b");

        ValidationResult result = validate(KEY, "model-z");

        assertFailure(result, ErrorCode.UNKNOWN_MODEL);
        assertThat(result.models()).extracting(ModelInfo::id).containsExactly("model-a", "model-b");
    }

    @Test
    void modelTheKeyCanUseIsValid() {
        fake.models("model-a", "model-b");

        assertThat(validate(KEY, "model-b").valid()).isTrue();
    }

    void assertFailure(ValidationResult result, ErrorCode code) {
        assertThat(result.valid()).as("valid").isFalse();
        assertThat(result.error()).isNotNull();
        assertThat(result.error().code()).isEqualTo(code);
        assertThat(result.error().message()).isNotBlank();
        assertThat(result.error().hint()).isNotBlank();
        assertThat(result.error().docsUrl()).isEqualTo(provider().profile().keyPageUrl());
        String shown = result.error().message() + result.error().hint();
        List<String> rawTexts = fake.rawErrorTexts();
        for (String raw : rawTexts) {
            assertThat(shown).as("provider text leaked").doesNotContain(raw);
        }
        assertThat(shown).doesNotContain(KEY).doesNotContain(WRONG_KEY);
    }
}
