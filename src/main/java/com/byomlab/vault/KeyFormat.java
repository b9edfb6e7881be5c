package com.byomlab.vault;

import com.byomlab.llm.Provider;
import com.byomlab.web.ApiProblem;

/**
 * The cheap checks before any network call: a key that cannot be right is refused with an
 * example of what a right one looks like. Prefixes are only enforced where providers document them.
 */
public final class KeyFormat {

    static final int MAX_LENGTH = 512;

    private KeyFormat() {
    }

    static void check(Provider provider, String key) {
        if (key == null || key.isBlank()) {
            throw ApiProblem.badRequest("invalid_key_format", "api_key is required: paste the key your provider issued.")
                    .with("hint", example(provider));
        }
        if (key.length() > MAX_LENGTH) {
            throw ApiProblem.badRequest("invalid_key_format", "api_key is longer than " + MAX_LENGTH
                    + " characters; no provider issues keys that long. Check that you pasted only the key.");
        }
        for (int i = 0; i < key.length(); i++) {
            char ch = key.charAt(i);
            if (Character.isWhitespace(ch) || Character.isISOControl(ch) || ch > 0x7e) {
                throw ApiProblem.badRequest("invalid_key_format", "api_key contains spaces, line breaks or "
                        + "non-ASCII characters; copy the key again without them.").with("hint", example(provider));
            }
        }
        String prefix = prefix(provider);
        if (!key.startsWith(prefix)) {
            throw ApiProblem.badRequest("invalid_key_format", provider.displayName() + " keys start with '" + prefix
                    + "'. Check that this key is for " + provider.displayName() + ".").with("hint", example(provider))
                    .with("docs_url", provider.keyPageUrl());
        }
    }

    /** The documented start of the provider's keys ("" when there is none), also for the pages' live format check. */
    public static String prefix(Provider provider) {
        return switch (provider) {
            case OPENAI -> "sk-";
            case ANTHROPIC -> "sk-ant-";
            case GOOGLE -> "AIza";
            default -> "";
        };
    }

    /** What a right key looks like, for error hints and the pages' help next to the key field. */
    public static String example(Provider provider) {
        return switch (provider) {
            case OPENAI -> "OpenAI keys look like sk-proj-… (project keys) or sk-…";
            case ANTHROPIC -> "Anthropic keys look like sk-ant-api03-…";
            case GOOGLE -> "Gemini API keys look like AIza… (39 characters)";
            case AZURE_OPENAI -> "Azure OpenAI keys are shown under 'Keys and Endpoint' of your resource";
            case OPENAI_COMPATIBLE -> "Use the key your server expects (any non-empty value for a local Ollama)";
            case BEDROCK -> com.byomlab.llm.BedrockKey.EXAMPLE;
        };
    }
}
