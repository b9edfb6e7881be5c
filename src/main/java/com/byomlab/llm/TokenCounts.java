package com.byomlab.llm;

/**
 * Token counts of one LLM call, with one meaning on every provider (each provider's profile normalises its own
 * usage into it, once): null where the provider does not report that kind. {@code reported=false} when an answer
 * (typically a streamed one) carried no usage at all: never silently zero.
 *
 * <ul>
 *   <li>{@code input}: every input token, those read from and written to a prompt cache included (OpenAI's
 *       {@code prompt_tokens}; Anthropic's {@code input_tokens + cache_read_input_tokens +
 *       cache_creation_input_tokens}; Gemini's {@code promptTokenCount});</li>
 *   <li>{@code output}: every output token, reasoning/thinking included (OpenAI's {@code completion_tokens};
 *       Anthropic's {@code output_tokens}; Gemini's {@code candidatesTokenCount + thoughtsTokenCount});</li>
 *   <li>{@code cachedInput}: the part of input read from a cache; {@code cacheWrite}: the part of input written to
 *       one (Anthropic {@code cache_creation_input_tokens}, Bedrock {@code cacheWriteInputTokens});
 *       {@code cacheWrite1h}: the part of cacheWrite written for one hour rather than five minutes (Anthropic's
 *       {@code usage.cache_creation.ephemeral_1h_input_tokens}; billed at 2x input instead of 1.25x), null when the
 *       provider does not split its writes (all of them are then five-minute writes);
 *       {@code reasoning}: the part of output spent reasoning (Gemini's {@code thoughtsTokenCount}).</li>
 * </ul>
 * So uncached input = input - cachedInput - cacheWrite, and every view (session, steps, usage rows, gateway
 * answers, metrics) shows these figures as they are.
 */
public record TokenCounts(Integer input, Integer output, Integer cachedInput, Integer cacheWrite,
        Integer cacheWrite1h, Integer reasoning, boolean reported) {

    /** Counts whose cache writes are not split by lifetime (all five-minute writes). */
    public TokenCounts(Integer input, Integer output, Integer cachedInput, Integer cacheWrite, Integer reasoning,
            boolean reported) {
        this(input, output, cachedInput, cacheWrite, null, reasoning, reported);
    }

    /** Counts with no cache writes reported. */
    public TokenCounts(Integer input, Integer output, Integer cachedInput, Integer reasoning, boolean reported) {
        this(input, output, cachedInput, null, null, reasoning, reported);
    }

    /** The five-minute part of the cache writes (all of them when the provider does not split them). */
    public Integer cacheWrite5m() {
        if (cacheWrite == null) {
            return null;
        }
        return cacheWrite - (cacheWrite1h == null ? 0 : cacheWrite1h);
    }

    public static TokenCounts notReported() {
        return new TokenCounts(null, null, null, null, null, null, false);
    }
}
