package com.byomlab.llm.internal.providers.bedrock;

import java.util.Objects;

import dev.langchain4j.model.output.TokenUsage;

/**
 * Converse's usage as LangChain4j usage. Bedrock's {@code inputTokens} leaves out the tokens read from and written to
 * the prompt cache ({@code cacheReadInputTokens}, {@code cacheWriteInputTokens}); {@link #inputTokenCount()} is all
 * input tokens (the three added up), with the cache parts named, so Bedrock's counts mean what OpenAI's do.
 */
final class BedrockTokenUsage extends TokenUsage {

    private final Integer cacheReadInputTokens;
    private final Integer cacheWriteInputTokens;
    private final Integer cacheWrite1hInputTokens;

    BedrockTokenUsage(Integer inputTokens, Integer outputTokens, Integer cacheReadInputTokens,
            Integer cacheWriteInputTokens) {
        this(inputTokens, outputTokens, cacheReadInputTokens, cacheWriteInputTokens, null);
    }

    BedrockTokenUsage(Integer inputTokens, Integer outputTokens, Integer cacheReadInputTokens,
            Integer cacheWriteInputTokens, Integer cacheWrite1hInputTokens) {
        super(allInput(inputTokens, cacheReadInputTokens, cacheWriteInputTokens), outputTokens,
                sum(allInput(inputTokens, cacheReadInputTokens, cacheWriteInputTokens), outputTokens));
        this.cacheReadInputTokens = cacheReadInputTokens;
        this.cacheWriteInputTokens = cacheWriteInputTokens;
        this.cacheWrite1hInputTokens = cacheWrite1hInputTokens;
    }

    /**
     * {@code cacheDetails} splits the writes by TTL ({@code 5m}, {@code 1h}; API reference, runtime CacheDetail): the
     * 1-hour part is kept apart, as it is billed at another rate.
     */
    static BedrockTokenUsage from(software.amazon.awssdk.services.bedrockruntime.model.TokenUsage usage) {
        if (usage == null) {
            return null;
        }
        Integer oneHour = null;
        if (usage.hasCacheDetails()) {
            oneHour = usage.cacheDetails().stream().filter(d -> "1h".equals(d.ttlAsString()) && d.inputTokens() != null)
                    .mapToInt(d -> d.inputTokens()).sum();
        }
        return new BedrockTokenUsage(usage.inputTokens(), usage.outputTokens(), usage.cacheReadInputTokens(),
                usage.cacheWriteInputTokens(), oneHour);
    }

    /** The part of {@link #cacheWriteInputTokens()} written for one hour; null when not split. */
    Integer cacheWrite1hInputTokens() {
        return cacheWrite1hInputTokens;
    }

    /** Input tokens read from the prompt cache (part of {@link #inputTokenCount()}); null when not reported. */
    Integer cacheReadInputTokens() {
        return cacheReadInputTokens;
    }

    /** Input tokens written to the prompt cache (part of {@link #inputTokenCount()}); null when not reported. */
    Integer cacheWriteInputTokens() {
        return cacheWriteInputTokens;
    }

    private static Integer allInput(Integer input, Integer cacheRead, Integer cacheWrite) {
        if (input == null) {
            return null;
        }
        return input + (cacheRead == null ? 0 : cacheRead) + (cacheWrite == null ? 0 : cacheWrite);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BedrockTokenUsage other && super.equals(o)
                && Objects.equals(cacheReadInputTokens, other.cacheReadInputTokens)
                && Objects.equals(cacheWriteInputTokens, other.cacheWriteInputTokens)
                && Objects.equals(cacheWrite1hInputTokens, other.cacheWrite1hInputTokens);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), cacheReadInputTokens, cacheWriteInputTokens, cacheWrite1hInputTokens);
    }
}
