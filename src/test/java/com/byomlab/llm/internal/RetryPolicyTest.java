package com.byomlab.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.byomlab.llm.ErrorCode;
import com.byomlab.llm.LlmCallProperties;
import com.byomlab.llm.ProviderError;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(LlmCallProperties.Retry.defaults());
    private final ProviderError unavailable = new ProviderError(ErrorCode.PROVIDER_UNAVAILABLE, "m", "h", null);

    @Test
    void backsOffOneTwoFourSecondsThenGivesUp() {
        ChatFailure transientFailure = ChatFailure.transientFailure(unavailable, Optional.empty());

        assertThat(policy.waitBeforeRetry(1, transientFailure)).hasValue(Duration.ofSeconds(1));
        assertThat(policy.waitBeforeRetry(2, transientFailure)).hasValue(Duration.ofSeconds(2));
        assertThat(policy.waitBeforeRetry(3, transientFailure)).hasValue(Duration.ofSeconds(4));
        assertThat(policy.waitBeforeRetry(4, transientFailure)).isEmpty();
    }

    @Test
    void honoursTheProvidersWaitUpToTheCap() {
        assertThat(policy.waitBeforeRetry(1, ChatFailure.transientFailure(unavailable,
                Optional.of(Duration.ofSeconds(7))))).hasValue(Duration.ofSeconds(7));
        assertThat(policy.waitBeforeRetry(1, ChatFailure.transientFailure(unavailable,
                Optional.of(Duration.ofSeconds(61))))).isEmpty();
    }

    @Test
    void neverRetriesPermanentFailures() {
        assertThat(policy.waitBeforeRetry(1, ChatFailure.permanent(unavailable))).isEmpty();
    }
}
