package com.byomlab.ui;

import com.byomlab.llm.Provider;
import com.byomlab.vault.KeyFormat;

import java.util.Arrays;
import java.util.List;

/** A provider as the picker shows it: what it is, where its keys come from, and what a key looks like. */
record ProviderOption(String id, String name, String help, String keyPageUrl, String keyPrefix, String keyExample,
                      boolean needsBaseUrl, String baseUrlExample, boolean needsApiVersion) {

    static List<ProviderOption> all() {
        return Arrays.stream(Provider.values()).map(ProviderOption::of).toList();
    }

    static ProviderOption of(Provider p) {
        return new ProviderOption(p.id(), p.displayName(), help(p), p.keyPageUrl(), KeyFormat.prefix(p),
                KeyFormat.example(p), p.requiresUserBaseUrl(), baseUrlExample(p), p == Provider.AZURE_OPENAI);
    }

    private static String help(Provider p) {
        return switch (p) {
            case OPENAI -> "GPT models. Create a secret key under API keys in the OpenAI dashboard.";
            case ANTHROPIC -> "Claude models. Create a key in the Anthropic Console under Settings → API keys.";
            case GOOGLE -> "Gemini models. Create an API key in Google AI Studio.";
            case AZURE_OPENAI -> "Your Azure OpenAI resource. Key and endpoint are under Keys and Endpoint; "
                    + "the model is the name of your deployment.";
            case OPENAI_COMPATIBLE -> "Any server that speaks the OpenAI API: OpenRouter, Groq, vLLM, LM Studio, Ollama. "
                    + "Give its API root as the base URL.";
            case BEDROCK -> "Models on Amazon Bedrock (Claude, Llama, Mistral, Nova, ...) in your AWS account. Use a "
                    + "Bedrock API key, or an IAM access key as ACCESS_KEY_ID:SECRET_ACCESS_KEY, and the region where "
                    + "the models are enabled.";
        };
    }

    private static String baseUrlExample(Provider p) {
        return switch (p) {
            case AZURE_OPENAI -> "https://my-resource.openai.azure.com";
            case OPENAI_COMPATIBLE -> "https://openrouter.ai/api/v1 or http://localhost:11434/v1";
            default -> null;
        };
    }
}
