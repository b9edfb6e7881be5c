package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.byomlab.testsupport.fakes.FakeOpenAi;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;

/** OpenRouter's models list answers anyone, so its preset proves the key with GET /key first. */
class OpenRouterValidationTest extends ProviderValidationContract {

    @Override
    Provider provider() {
        return Provider.OPENROUTER;
    }

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeOpenAi.openRouter(expectedKey);
    }

    @Override
    java.time.Instant createdAtInTheFakesList() {
        return java.time.Instant.ofEpochSecond(1_715_367_049L); // "created" in OpenAI's list shape
    }

    @Override
    ProviderTarget target() {
        return ProviderTarget.of(Provider.OPENROUTER);
    }

    @Override
    Map<String, LlmProperties.ProviderSettings> operatorOverrides() {
        return Map.of("openrouter", new LlmProperties.ProviderSettings(fake.baseUrl(), null));
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).isEqualTo("/api/v1/models");
        assertThat(request.header("authorization")).hasValue("Bearer " + key);
    }

    @Test
    void theKeyIsCheckedBeforeThePublicModelsList() {
        validate(KEY);

        assertThat(fake.requests()).extracting(RecordedRequest::path).containsExactly("/api/v1/key", "/api/v1/models");
        assertThat(fake.requests().get(0).header("authorization")).hasValue("Bearer " + KEY);
    }

    @Test
    void vendorSlashModelIdsAreMatchedWhole() {
        fake.models("anthropic/claude-sonnet-4", "openai/gpt-4o-mini");

        assertThat(validate(KEY, "openai/gpt-4o-mini").valid()).isTrue();
        assertThat(validate(KEY, "gpt-4o-mini").valid()).isFalse();
    }
}
