package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.byomlab.testsupport.fakes.FakeOpenAi;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;

class OpenAiCompatibleValidationTest extends ProviderValidationContract {

    @Override
    Provider provider() {
        return Provider.OPENAI_COMPATIBLE;
    }

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeOpenAi.compatible(expectedKey, "/api/v1");
    }

    @Override
    java.time.Instant createdAtInTheFakesList() {
        return java.time.Instant.ofEpochSecond(1_715_367_049L); // "created" in OpenAI's list shape
    }

    @Override
    ProviderTarget target() {
        return ProviderTarget.of(Provider.OPENAI_COMPATIBLE, fake.baseUrl());
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).isEqualTo("/api/v1/models");
        assertThat(request.header("authorization")).hasValue("Bearer " + key);
    }

    @Test
    void baseUrlWithoutTheApiRootIsBadBaseUrl() {
        try (ApiKey key = ApiKey.of(KEY)) {
            ValidationResult result = validator.validate(ProviderTarget.of(Provider.OPENAI_COMPATIBLE, fake.origin()),
                    key, null);

            assertFailure(result, ErrorCode.BAD_BASE_URL);
            assertThat(result.error().message()).contains("/models");
        }
    }

    @Test
    void ollamaStyleLatestTagMatchesTheBareModelName() {
        fake.models("llama3:latest");

        assertThat(validate(KEY, "llama3").valid()).isTrue();
    }

    @Test
    void serverThatRefusesConnectionsIsNetwork() {
        int port = fake.port();
        fake.close();
        try (ApiKey key = ApiKey.of(KEY)) {
            ValidationResult result = validator.validate(
                    ProviderTarget.of(Provider.OPENAI_COMPATIBLE, "http://127.0.0.1:" + port + "/v1"), key, null);

            assertFailure(result, ErrorCode.NETWORK);
        }
    }
}
