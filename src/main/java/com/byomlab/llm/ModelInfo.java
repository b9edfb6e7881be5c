package com.byomlab.llm;

import java.time.Instant;

/**
 * A model (or, for Azure, a model the resource can deploy) as reported by the provider.
 *
 * @param contextWindow input token limit when the provider reports it, else null
 * @param createdAt     when the provider says the model was created (OpenAI {@code created}, Anthropic and Azure
 *                      {@code created_at}), else null (Gemini's model list has no such date)
 */
public record ModelInfo(String id, String displayName, Integer contextWindow, Instant createdAt) {
}
