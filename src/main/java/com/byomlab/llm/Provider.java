package com.byomlab.llm;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The LLM providers a user may bring a key for. The ids are a contract with clients and stored rows. */
public enum Provider {
    OPENAI("openai", "OpenAI", false, "https://platform.openai.com/api-keys"),
    ANTHROPIC("anthropic", "Anthropic", false, "https://console.anthropic.com/settings/keys"),
    GOOGLE("google", "Google Gemini", false, "https://aistudio.google.com/app/apikey"),
    // Azure keys live under "Keys and Endpoint" of the user's Azure OpenAI resource.
    AZURE_OPENAI("azure_openai", "Azure OpenAI", true, "https://portal.azure.com/"),
    // No single key page exists for "any OpenAI-compatible server".
    OPENAI_COMPATIBLE("openai_compatible", "OpenAI-compatible", true, null),
    // Reached through the AWS SDK in the credential's region; Bedrock API keys are made on this page, access keys
    // in IAM ("Security credentials").
    BEDROCK("bedrock", "AWS Bedrock", false, "https://console.aws.amazon.com/bedrock/home#/api-keys");

    private final String id;
    private final String displayName;
    private final boolean requiresUserBaseUrl;
    private final String keyPageUrl;

    Provider(String id, String displayName, boolean requiresUserBaseUrl, String keyPageUrl) {
        this.id = id;
        this.displayName = displayName;
        this.requiresUserBaseUrl = requiresUserBaseUrl;
        this.keyPageUrl = keyPageUrl;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** True when the user must say where the provider lives (an Azure resource, a compatible server). */
    public boolean requiresUserBaseUrl() {
        return requiresUserBaseUrl;
    }

    /** Where the user gets or manages a key; null when there is no single such page. */
    public String keyPageUrl() {
        return keyPageUrl;
    }

    public static Optional<Provider> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(p -> p.id.equals(id.trim())).findFirst();
    }

    /** "openai, anthropic, ..." for error messages that list what is supported. */
    public static String supportedIds() {
        return Arrays.stream(values()).map(Provider::id).collect(Collectors.joining(", "));
    }
}
