package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.byomlab.testsupport.fakes.FakeOpenAi;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;

/** A preset validates like every provider: its documented API root moved to the fake by the operator override. */
class GroqValidationTest extends ProviderValidationContract {

    @Override
    Provider provider() {
        return Provider.GROQ;
    }

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeOpenAi.compatible(expectedKey, "/openai/v1");
    }

    @Override
    java.time.Instant createdAtInTheFakesList() {
        return java.time.Instant.ofEpochSecond(1_715_367_049L); // "created" in OpenAI's list shape
    }

    @Override
    ProviderTarget target() {
        return ProviderTarget.of(Provider.GROQ);
    }

    @Override
    Map<String, LlmProperties.ProviderSettings> operatorOverrides() {
        return Map.of("groq", new LlmProperties.ProviderSettings(fake.baseUrl(), null));
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).isEqualTo("/openai/v1/models");
        assertThat(request.header("authorization")).hasValue("Bearer " + key);
    }
}
