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
 *       one (Anthropic {@code cache_creation_input_tokens}); {@code reasoning}: the part of output spent reasoning.</li>
 * </ul>
 * So uncached input = input - cachedInput - cacheWrite, and every view (session, steps, usage rows, gateway
 * answers, metrics) shows these figures as they are.
 */
public record TokenCounts(Integer input, Integer output, Integer cachedInput, Integer cacheWrite, Integer reasoning,
        boolean reported) {

    /** Counts with no cache writes reported. */
    public TokenCounts(Integer input, Integer output, Integer cachedInput, Integer reasoning, boolean reported) {
        this(input, output, cachedInput, null, reasoning, reported);
    }

    public static TokenCounts notReported() {
        return new TokenCounts(null, null, null, null, null, false);
    }
}
