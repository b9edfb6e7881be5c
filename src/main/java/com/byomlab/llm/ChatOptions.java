package com.byomlab.llm;

import java.util.List;

import dev.langchain4j.model.chat.request.ToolChoice;

/**
 * Optional sampling and tool settings of one {@link ChatCall}; null means the provider's (or the model's) default.
 * The OpenAI-compatible gateway passes on what its clients ask for; the Lab asks only for prompt caching.
 *
 * @param toolChoice    LangChain4j's neutral AUTO / REQUIRED / NONE
 * @param promptCaching mark the stable prefix (tools, system prompt) and the conversation so far for the provider's
 *                      prompt cache where the provider must be asked (Anthropic: {@code cache_control} breakpoints,
 *                      5-minute TTL), so the next call of the same conversation reads what this one wrote. Providers
 *                      that cache on their own (OpenAI, Gemini) ignore it. Off for the gateway: a cache write costs
 *                      more than input, and the client did not ask for one.
 */
public record ChatOptions(Double temperature, Double topP, Integer maxOutputTokens, List<String> stopSequences,
        ToolChoice toolChoice, boolean promptCaching) {

    public static final ChatOptions DEFAULTS = new ChatOptions(null, null, null, null, null, false);

    /** The provider's defaults, with prompt caching asked for. */
    public static final ChatOptions PROMPT_CACHING = new ChatOptions(null, null, null, null, null, true);

    public ChatOptions {
        stopSequences = stopSequences == null ? null : List.copyOf(stopSequences);
    }

    public ChatOptions(Double temperature, Double topP, Integer maxOutputTokens, List<String> stopSequences,
            ToolChoice toolChoice) {
        this(temperature, topP, maxOutputTokens, stopSequences, toolChoice, false);
    }
}
