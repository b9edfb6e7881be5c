package com.byomlab.llm;

import java.util.List;

/**
 * The answer to one {@link EmbeddingCall}.
 *
 * @param vectors   one per input, in the inputs' order
 * @param usage     input tokens as the provider reported them, output 0 (an embedding produces none); not reported
 *                  where the provider reports none (Gemini's API)
 * @param latencyMs wall time of the successful attempt
 * @param attempts  attempts used (1 = no retry)
 */
public record EmbeddingAnswer(List<float[]> vectors, TokenCounts usage, long latencyMs, int attempts) {

    public EmbeddingAnswer {
        vectors = List.copyOf(vectors);
    }
}
