package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.byomlab.testsupport.fakes.FakeOpenAi;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;

class OpenAiValidationTest extends ProviderValidationContract {

    @Override
    Provider provider() {
        return Provider.OPENAI;
    }

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeOpenAi.start(expectedKey);
    }

    @Override
    java.time.Instant createdAtInTheFakesList() {
        return java.time.Instant.ofEpochSecond(1_715_367_049L); // "created": 1715367049
    }

    @Override
    ProviderTarget target() {
        return ProviderTarget.of(Provider.OPENAI);
    }

    @Override
    Map<String, LlmProperties.ProviderSettings> operatorOverrides() {
        return Map.of("openai", new LlmProperties.ProviderSettings(fake.baseUrl(), null));
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).isEqualTo("/v1/models");
        assertThat(request.header("authorization")).hasValue("Bearer " + key);
    }
}
