package com.byomlab.llm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The one model-id check: the ids providers really issue pass; anything that could leave a URL path segment fails. */
class ModelIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "claude-sonnet-4-5-20250929", "models/gemini-2.0-flash", "gemini-2.0-flash",
            "meta-llama/Llama-3.1-8B-Instruct", "llama3.1:8b", "accounts/fireworks/models/x",
            "anthropic.claude-3-5-sonnet-20240620-v1:0", "ft:gpt-4o-mini-2024-07-18:my-org:custom_suffix:9abc",
            "claude-3-5-sonnet@20240620", "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M", "openai/gpt-4o:free",
            "o3", "x"})
    void realWorldIdsPass(String id) {
        assertThat(ModelIds.problem(id)).isEmpty();
        assertThat(ModelIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../v1/models", "..", ".", "a/../b", "a/./b", "a/..", "/v1", "a/", "a//b",
            "gemini-2.0-flash:generateContent?key=INJECTED&x=", "a#frag", "a%2F..", "a\\b", "a b", "a\tb", "a\nb",
            "a\u0000b", "a\u007fb", "a\u202eb", "ｇｐｔ", "a\"b", "a<b", "a;b", "a,b", ""})
    void pathBreakingIdsFail(String id) {
        assertThat(ModelIds.problem(id)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 101})
    void atMostOneHundredCharacters(int length) {
        assertThat(ModelIds.isValid("m".repeat(length))).isEqualTo(length <= ModelIds.MAX_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a?key=SECRET-LOOKING", "x\u0000SECRET-LOOKING"})
    void theWordsNeverQuoteTheId(String id) {
        assertThat(ModelIds.problem(id).orElseThrow()).doesNotContain("SECRET-LOOKING");
    }
}
