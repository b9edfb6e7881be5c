package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiKeyAndProviderTest {

    @Test
    void keyNeverPrintsItself() {
        try (ApiKey key = ApiKey.of("sk-secret-123")) {
            assertThat(key.toString()).isEqualTo("ApiKey[redacted]").doesNotContain("secret");
            assertThat(key.reveal()).isEqualTo("sk-secret-123");
            assertThat(key.length()).isEqualTo(13);
        }
    }

    @Test
    void closedKeyCannotBeRevealed() {
        ApiKey key = ApiKey.of("sk-secret-123");
        key.close();

        assertThatThrownBy(key::reveal).isInstanceOf(IllegalStateException.class).hasMessageNotContaining("secret");
    }

    @Test
    void keysHaveNoContentEquality() {
        assertThat(ApiKey.of("same")).isNotEqualTo(ApiKey.of("same"));
    }

    @Test
    void providerIdsAreTheContract() {
        assertThat(Provider.supportedIds()).isEqualTo("openai, anthropic, google, azure_openai, bedrock, openrouter, groq, "
                + "deepseek, xai, mistral, together_ai, fireworks_ai, openai_compatible");
        assertThat(Provider.fromId("azure_openai")).hasValue(Provider.AZURE_OPENAI);
        assertThat(Provider.fromId("AZURE_OPENAI")).isEmpty();
        assertThat(Provider.fromId("cohere")).isEmpty();
        assertThat(Provider.fromId(null)).isEmpty();
        assertThat(Provider.OPENAI_COMPATIBLE.profile().userSuppliesBaseUrl()).isTrue();
        assertThat(Provider.OPENAI.profile().userSuppliesBaseUrl()).isFalse();
        assertThat(ErrorCode.INSUFFICIENT_QUOTA.code()).isEqualTo("insufficient_quota");
    }
}
