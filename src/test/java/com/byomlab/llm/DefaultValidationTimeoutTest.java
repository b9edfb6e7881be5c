package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.byomlab.llm.internal.http.ProviderHttpClients;
import com.byomlab.testsupport.fakes.FakeOpenAi;
import com.byomlab.testsupport.fakes.Scenario;

/** The one test that waits for the real default: a silent provider is given up on after 10 s, not later. */
class DefaultValidationTimeoutTest {

    @Test
    void silentProviderTimesOutAfterTheDefaultTenSeconds() {
        LlmProperties defaults = LlmProperties.defaults();
        assertThat(defaults.validationTimeout()).hasSeconds(10);
        BaseUrlPolicy policy = new BaseUrlPolicy(false);
        try (FakeOpenAi openai = FakeOpenAi.start("k");
                ProviderHttpClients clients = new ProviderHttpClients(policy);
                ApiKey key = ApiKey.of("k")) {
            openai.script(Scenario.hang());
            LlmProperties properties = new LlmProperties(
                    Map.of("openai", new LlmProperties.ProviderSettings(openai.baseUrl(), null)),
                    defaults.security(), defaults.llm());

            ValidationResult result = new KeyValidator(properties, policy, clients)
                    .validate(ProviderTarget.of(Provider.OPENAI), key, null);

            assertThat(result.error().code()).isEqualTo(ErrorCode.TIMEOUT);
            assertThat(result.error().message()).contains("10 seconds");
            assertThat(result.latencyMs()).isBetween(9_500L, 13_000L);
        }
    }
}
