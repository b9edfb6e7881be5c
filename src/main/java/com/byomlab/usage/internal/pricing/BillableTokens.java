package com.byomlab.usage.internal.pricing;

import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;

/**
 * Reported token counts regrouped the way providers bill them: input not read from a cache, input read from a
 * cache, and output (which includes reasoning/thinking). Each provider counts differently:
 *
 * <ul>
 *   <li>OpenAI (and Azure OpenAI, and OpenAI-compatible servers, which copy its usage shape):
 *       {@code prompt_tokens} includes {@code prompt_tokens_details.cached_tokens} ("the number of tokens that were
 *       retrieved from the cache" out of the prompt), and {@code completion_tokens} includes
 *       {@code completion_tokens_details.reasoning_tokens} (reasoning tokens are "counted in the total completion
 *       tokens for purposes of billing", OpenAI API reference, CompletionTokensDetails). So uncached input =
 *       input - cached, and output is billed as reported.</li>
 *   <li>Anthropic: {@code input_tokens}, {@code cache_read_input_tokens} and {@code cache_creation_input_tokens} are
 *       disjoint; total input is their sum (Anthropic prompt-caching docs; SDK: input_tokens "the number of input
 *       tokens which were used", cache_read_input_tokens "the number of input tokens read from the cache").
 *       LangChain4j 1.19 passes {@code input_tokens} through unchanged (AnthropicMapper.toTokenUsage). So uncached
 *       input = input, cached = cachedInput. Cache writes (1.25x input) are not in {@code TokenCounts}; we set no
 *       cache breakpoints, so there are none to bill. Thinking is reported inside {@code output_tokens}.</li>
 *   <li>Google Gemini: {@code promptTokenCount} includes {@code cachedContentTokenCount} ("this is still the total
 *       effective prompt size meaning this includes the number of tokens in the cached content", UsageMetadata),
 *       while {@code thoughtsTokenCount} is outside {@code candidatesTokenCount} ({@code totalTokenCount} is the sum
 *       of prompt, candidates, tool-use prompt and thoughts) and is billed as output ("Output price (including
 *       thinking tokens)", ai.google.dev/gemini-api/docs/pricing). LangChain4j 1.19 maps candidatesTokenCount to
 *       output and thoughtsTokenCount apart. So uncached input = input - cached, output = output + reasoning.</li>
 * </ul>
 */
public record BillableTokens(long uncachedInput, long cachedInput, long output) {

    /** Why these counts cannot be billed (missing or inconsistent), or null when they can. */
    public static String whyUnbillable(Provider provider, TokenCounts usage) {
        if (usage == null || !usage.reported()) {
            return "usage not reported";
        }
        if (usage.input() == null) {
            return "usage incomplete: input tokens not reported";
        }
        if (usage.output() == null) {
            return "usage incomplete: output tokens not reported";
        }
        if (usage.input() < 0 || usage.output() < 0 || orZero(usage.cachedInput()) < 0 || orZero(usage.reasoning()) < 0) {
            return "usage inconsistent: negative token count";
        }
        if (inputIncludesCached(provider) && orZero(usage.cachedInput()) > usage.input()) {
            return "usage inconsistent: " + usage.cachedInput() + " cached tokens out of " + usage.input() + " input tokens";
        }
        return null;
    }

    /** Call only when {@link #whyUnbillable} is null. */
    public static BillableTokens of(Provider provider, TokenCounts usage) {
        long input = usage.input();
        long cached = orZero(usage.cachedInput());
        long uncached = inputIncludesCached(provider) ? input - cached : input;
        long output = usage.output() + (provider == Provider.GOOGLE ? orZero(usage.reasoning()) : 0);
        return new BillableTokens(uncached, cached, output);
    }

    private static boolean inputIncludesCached(Provider provider) {
        return provider != Provider.ANTHROPIC;
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
