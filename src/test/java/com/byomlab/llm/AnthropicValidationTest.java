package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.byomlab.testsupport.fakes.FakeAnthropic;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;

class AnthropicValidationTest extends ProviderValidationContract {

    @Override
    Provider provider() {
        return Provider.ANTHROPIC;
    }

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeAnthropic.start(expectedKey);
    }

    @Override
    java.time.Instant createdAtInTheFakesList() {
        return java.time.Instant.parse("2025-05-22T00:00:00Z"); // "created_at": RFC 3339
    }

    @Override
    ProviderTarget target() {
        return ProviderTarget.of(Provider.ANTHROPIC);
    }

    @Override
    Map<String, LlmProperties.ProviderSettings> operatorOverrides() {
        return Map.of("anthropic", new LlmProperties.ProviderSettings(fake.baseUrl(), null));
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).isEqualTo("/v1/models");
        assertThat(request.header("x-api-key")).hasValue(key);
        assertThat(request.header("anthropic-version")).hasValue("2023-06-01");
        assertThat(request.header("authorization")).isEmpty();
    }
}
