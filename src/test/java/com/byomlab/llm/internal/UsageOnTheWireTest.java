package com.byomlab.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Whether a stream event carries a usage object: it decides whether a streamed call's counts were reported. */
class UsageOnTheWireTest {

    @Test
    void a_usage_object_of_any_provider_counts() {
        assertThat(ChatAttempts.holdsUsageObject("{\"choices\":[],\"usage\":{\"prompt_tokens\":1}}")).isTrue();
        assertThat(ChatAttempts.holdsUsageObject("{\"type\":\"message_start\",\"message\":{\"usage\" : \r\n\t{}}}"))
                .isTrue();
        assertThat(ChatAttempts.holdsUsageObject("{\"usageMetadata\":\n{\"promptTokenCount\":3}}")).isTrue();
    }

    @Test
    void a_null_usage_a_usage_text_or_a_truncated_key_does_not() {
        assertThat(ChatAttempts.holdsUsageObject("{\"choices\":[{\"delta\":{}}],\"usage\":null}")).isFalse();
        assertThat(ChatAttempts.holdsUsageObject("{\"delta\":{\"content\":\"usage\"}}")).isFalse();
        assertThat(ChatAttempts.holdsUsageObject("{\"my_usage\":{}}")).isFalse();
        assertThat(ChatAttempts.holdsUsageObject("{\"usage\"")).isFalse();
        assertThat(ChatAttempts.holdsUsageObject("{\"usage\": ")).isFalse();
        // a first mention that is not an object, a later one that is
        assertThat(ChatAttempts.holdsUsageObject("{\"note\":\"\\\"usage\\\"\",\"usage\":{}}")).isTrue();
    }
}
