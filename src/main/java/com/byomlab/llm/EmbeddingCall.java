package com.byomlab.llm;

import java.util.List;
import java.util.Objects;

/**
 * One embeddings call: texts in, one vector each out ({@link LlmChat#embed}).
 *
 * @param model      the provider's embedding model id; for azure_openai the deployment name
 * @param inputs     the texts, none empty
 * @param dimensions the vector size asked for (OpenAI's {@code dimensions}, Gemini's {@code outputDimensionality}),
 *                   or null for the model's own
 */
public record EmbeddingCall(ProviderTarget target, String model, List<String> inputs, Integer dimensions) {

    public EmbeddingCall {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(model, "model");
        inputs = List.copyOf(inputs);
    }
}
