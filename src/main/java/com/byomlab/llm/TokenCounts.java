package com.byomlab.llm;

/**
 * Token counts as the provider reported them; null where the provider does not report that kind.
 * {@code reported=false} when an answer (typically a streamed one) carried no usage at all: never silently zero.
 *
 * <p>Semantics follow each provider: OpenAI/Azure {@code prompt_tokens} and Gemini {@code promptTokenCount}
 * <em>include</em> the cached part; Anthropic {@code input_tokens} <em>excludes</em> cache reads
 * ({@code cache_read_input_tokens}, here {@code cachedInput}). Reasoning tokens are OpenAI
 * {@code completion_tokens_details.reasoning_tokens} (part of output) and Gemini {@code thoughtsTokenCount};
 * Anthropic does not report them separately.
 */
public record TokenCounts(Integer input, Integer output, Integer cachedInput, Integer reasoning, boolean reported) {

    public static TokenCounts notReported() {
        return new TokenCounts(null, null, null, null, false);
    }
}
