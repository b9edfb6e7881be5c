package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.byomlab.testsupport.fakes.FakeBedrock;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.RecordedRequest;

/** Validating a Bedrock API key: ListFoundationModels through the AWS SDK, as for every provider. */
class BedrockValidationTest extends ProviderValidationContract {

    @Override
    Provider provider() {
        return Provider.BEDROCK;
    }

    @Override
    FakeProviderServer startFake(String expectedKey) {
        return FakeBedrock.start(expectedKey);
    }

    @Override
    ProviderTarget target() {
        return ProviderTarget.bedrock(FakeBedrock.REGION);
    }

    @Override
    Map<String, LlmProperties.ProviderSettings> operatorOverrides() {
        return Map.of("bedrock", new LlmProperties.ProviderSettings(fake.baseUrl(), null));
    }

    @Override
    String throttledHint() {
        return "Wait a minute and try again.";
    }

    @Override
    java.time.Instant createdAtInTheFakesList() {
        return null; // ListFoundationModels has no creation time
    }

    @Override
    void assertAuthenticatedWith(RecordedRequest request, String key) {
        assertThat(request.path()).isEqualTo("/foundation-models");
        assertThat(request.query()).isEqualTo("byOutputModality=TEXT");
        assertThat(request.header("authorization")).hasValue("Bearer " + key);
    }
}
