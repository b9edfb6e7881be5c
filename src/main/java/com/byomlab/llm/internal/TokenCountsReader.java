package com.byomlab.llm.internal;

import com.byomlab.llm.TokenCounts;

import com.byomlab.llm.internal.bedrock.BedrockTokenUsage;

import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.googleai.GoogleAiGeminiTokenUsage;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;

/**
 * Reads LangChain4j's usage, including the provider subclasses that carry cached and reasoning tokens:
 * OpenAI {@code prompt_tokens_details.cached_tokens} / {@code completion_tokens_details.reasoning_tokens},
 * Anthropic {@code cache_read_input_tokens} (no separate thinking count exists), Gemini
 * {@code cachedContentTokenCount} / {@code thoughtsTokenCount}, Bedrock {@code cacheReadInputTokens} (its input
 * count is normalised to include the cache reads and writes, as OpenAI's does).
 */
final class TokenCountsReader {

    private TokenCountsReader() {
    }

    static TokenCounts read(TokenUsage usage) {
        if (usage == null || (usage.inputTokenCount() == null && usage.outputTokenCount() == null)) {
            return TokenCounts.notReported();
        }
        Integer cached = null;
        Integer reasoning = null;
        if (usage instanceof OpenAiTokenUsage openAi) {
            cached = openAi.inputTokensDetails() == null ? null : openAi.inputTokensDetails().cachedTokens();
            reasoning = openAi.outputTokensDetails() == null ? null : openAi.outputTokensDetails().reasoningTokens();
        } else if (usage instanceof AnthropicTokenUsage anthropic) {
            cached = anthropic.cacheReadInputTokens();
        } else if (usage instanceof BedrockTokenUsage bedrock) {
            // input already counts the cache reads and writes (BedrockTokenUsage adds them up)
            cached = bedrock.cacheReadInputTokens();
        } else if (usage instanceof GoogleAiGeminiTokenUsage gemini) {
            cached = gemini.cachedContentTokenCount();
            reasoning = gemini.thoughtsTokenCount();
        }
        return new TokenCounts(usage.inputTokenCount(), usage.outputTokenCount(), cached, reasoning, true);
    }
}
