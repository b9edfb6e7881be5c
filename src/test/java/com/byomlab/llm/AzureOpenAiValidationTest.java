package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.byomlab.testsupport.fakes.FakeAzureOpenAi;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;

class AzureOpenAiValidationTest extends ProviderValidationContract {

    @Override
    Provider provider() {
        return Provider.AZURE_OPENAI;
    }

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeAzureOpenAi.start(expectedKey);
    }

    @Override
    java.time.Instant createdAtInTheFakesList() {
        return java.time.Instant.ofEpochSecond(1_723_075_200L); // "created_at": Unix seconds
    }

    @Override
    ProviderTarget target() {
        return new ProviderTarget(Provider.AZURE_OPENAI, fake.baseUrl(), null);
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).isEqualTo("/openai/models");
        assertThat(request.query()).isEqualTo("api-version=2024-10-21");
        assertThat(request.header("api-key")).hasValue(key);
        assertThat(request.header("authorization")).isEmpty();
    }

    /** Deployments cannot be listed with the resource key, so the deployment name is not checked. */
    @Override
    @Test
    void modelTheKeyCannotUseIsUnknownModel() {
        fake.models("gpt-4o-2024-08-06");

        ValidationResult result = validate(KEY, "my-deployment");

        assertThat(result.valid()).isTrue();
        assertThat(result.models()).extracting(ModelInfo::id).containsExactly("gpt-4o-2024-08-06");
    }

    @Test
    void apiVersionFromTheTargetIsSent() {
        try (FakeAzureOpenAi preview = FakeAzureOpenAi.start(KEY, "2025-04-01-preview");
                ApiKey key = ApiKey.of(KEY)) {
            ValidationResult result = validator.validate(
                    new ProviderTarget(Provider.AZURE_OPENAI, preview.baseUrl() + "/", "2025-04-01-preview"), key, null);

            assertThat(result.valid()).isTrue();
            assertThat(preview.lastRequest().query()).isEqualTo("api-version=2025-04-01-preview");
        }
    }

    @Test
    void endpointThatIsNotAnAzureResourceIsBadBaseUrl() {
        try (ApiKey key = ApiKey.of(KEY)) {
            ValidationResult result = validator.validate(
                    new ProviderTarget(Provider.AZURE_OPENAI, fake.baseUrl(), "1999-01-01"), key, null);

            assertFailure(result, ErrorCode.BAD_BASE_URL);
        }
    }
}
