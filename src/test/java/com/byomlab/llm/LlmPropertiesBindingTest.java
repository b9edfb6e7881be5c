package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class LlmPropertiesBindingTest {

    @Configuration
    @EnableConfigurationProperties(LlmProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void defaultsAreStrictWithTenSecondValidationAndTheGaAzureVersion() {
        runner.run(context -> {
            LlmProperties properties = context.getBean(LlmProperties.class);
            assertThat(properties.allowPrivateEndpoints()).isFalse();
            assertThat(properties.validationTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(properties.apiVersion(Provider.AZURE_OPENAI)).isEqualTo("2024-10-21");
            assertThat(properties.operatorBaseUrl(Provider.OPENAI)).isEmpty();
        });
    }

    @Test
    void bindsOverridesIncludingTheUnderscoreProviderIds() {
        runner.withPropertyValues(
                        "byom.providers.openai.base-url=https://gateway.example/v1",
                        "byom.providers.azure_openai.base-url=https://res.openai.azure.com",
                        "byom.providers.azure_openai.api-version=2025-01-01-preview",
                        "byom.security.allow-private-endpoints=true",
                        "byom.llm.validation-timeout=3s",
                        "byom.demo=true") // someone else's key under the same prefix
                .run(context -> {
                    LlmProperties properties = context.getBean(LlmProperties.class);
                    assertThat(properties.operatorBaseUrl(Provider.OPENAI)).hasValue("https://gateway.example/v1");
                    assertThat(properties.operatorBaseUrl(Provider.AZURE_OPENAI)).hasValue("https://res.openai.azure.com");
                    assertThat(properties.apiVersion(Provider.AZURE_OPENAI)).isEqualTo("2025-01-01-preview");
                    assertThat(properties.allowPrivateEndpoints()).isTrue();
                    assertThat(properties.validationTimeout()).isEqualTo(Duration.ofSeconds(3));
                });
    }
}
