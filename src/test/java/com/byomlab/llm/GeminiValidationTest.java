package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.byomlab.testsupport.fakes.FakeGemini;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;

class GeminiValidationTest extends ProviderValidationContract {

    @Override
    Provider provider() {
        return Provider.GOOGLE;
    }

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeGemini.start(expectedKey);
    }

    @Override
    ProviderTarget target() {
        return ProviderTarget.of(Provider.GOOGLE);
    }

    @Override
    Map<String, LlmProperties.ProviderSettings> operatorOverrides() {
        return Map.of("google", new LlmProperties.ProviderSettings(fake.baseUrl(), null));
    }

    @Override
    java.time.Instant createdAtInTheFakesList() {
        return null; // Gemini's model list has no creation time
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).isEqualTo("/v1beta/models");
        assertThat(request.header("x-goog-api-key")).hasValue(key);
        assertThat(request.query() == null ? "" : request.query()).doesNotContain("key=");
    }

    @Test
    void followsEveryPageOfTheModelList() {
        ((FakeGemini) fake).pageSize(2);
        fake.models("m1", "m2", "m3", "m4", "m5");

        ValidationResult result = validate(KEY);

        assertThat(result.models()).extracting(ModelInfo::id).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(fake.requests()).hasSize(3).allSatisfy(r -> assertAuthenticatedWith(r, KEY));
    }

    @Test
    void modelNameWithTheModelsPrefixIsAccepted() {
        fake.models("gemini-2.0-flash");

        assertThat(validate(KEY, "models/gemini-2.0-flash").valid()).isTrue();
    }
}
