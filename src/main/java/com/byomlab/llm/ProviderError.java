package com.byomlab.llm;

/**
 * A failure explained for a person: what happened, how to fix it, and where to get a key.
 * Never carries the provider's own error text (it can echo key fragments) nor the key.
 */
public record ProviderError(ErrorCode code, String message, String hint, String docsUrl) {
}
