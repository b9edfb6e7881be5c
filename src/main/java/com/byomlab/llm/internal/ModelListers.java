package com.byomlab.llm.internal;

import com.byomlab.llm.Provider;

/** Which wire protocol lists models for which provider. */
public final class ModelListers {

    private static final ModelLister OPENAI_PROTOCOL = new OpenAiModelLister();
    private static final ModelLister ANTHROPIC = new AnthropicModelLister();
    private static final ModelLister GEMINI = new GeminiModelLister();
    private static final ModelLister AZURE = new AzureOpenAiModelLister();
    private static final ModelLister BEDROCK = new com.byomlab.llm.internal.bedrock.BedrockModelLister();

    private ModelListers() {
    }

    public static ModelLister forProvider(Provider provider) {
        return switch (provider) {
            case OPENAI, OPENAI_COMPATIBLE -> OPENAI_PROTOCOL;
            case ANTHROPIC -> ANTHROPIC;
            case GOOGLE -> GEMINI;
            case AZURE_OPENAI -> AZURE;
            case BEDROCK -> BEDROCK;
        };
    }
}
