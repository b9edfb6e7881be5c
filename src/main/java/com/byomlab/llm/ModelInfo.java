package com.byomlab.llm;

/**
 * A model (or, for Azure, a model the resource can deploy) as reported by the provider.
 *
 * @param contextWindow input token limit when the provider reports it, else null
 */
public record ModelInfo(String id, String displayName, Integer contextWindow) {
}
