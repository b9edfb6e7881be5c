package com.byomlab.llm.internal.providers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiModelNamesTest {

    @Test
    void geminiResourceNamesLoseTheirPrefixOnlyAtTheStart() {
        assertThat(GeminiProfile.withoutPrefix("models/gemini-2.0-flash")).isEqualTo("gemini-2.0-flash");
        assertThat(GeminiProfile.withoutPrefix("gemini-2.0-flash")).isEqualTo("gemini-2.0-flash");
        assertThat(GeminiProfile.withoutPrefix("tuned/models/x")).isEqualTo("tuned/models/x");
    }
}
