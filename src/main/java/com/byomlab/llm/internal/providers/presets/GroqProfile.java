package com.byomlab.llm.internal.providers.presets;

import com.byomlab.llm.KeyShape;
import com.byomlab.llm.PriceNaming;
import com.byomlab.llm.Provider;
import com.byomlab.llm.internal.providers.OpenAiCompatiblePreset;

/** Groq (https://console.groq.com/docs/openai): OpenAI-compatible at https://api.groq.com/openai/v1, keys gsk_…. */
public final class GroqProfile extends OpenAiCompatiblePreset {

    public GroqProfile() {
        super(new Preset(Provider.GROQ, "Groq", "https://api.groq.com/openai/v1",
                KeyShape.prefixed("gsk_", "Groq keys look like gsk_…"),
                "https://console.groq.com/keys",
                "Open models (Llama, Qwen, GPT-OSS, ...) on Groq's fast inference. Create a key in the GroqCloud "
                        + "console under API Keys.",
                PriceNaming.liteLlmSlashed("groq")));
    }

    /** Its OpenAI-compatible API has no /embeddings: refused here with a reason rather than a 404 from upstream. */
    @Override
    public java.util.Optional<String> embeddingsUnavailable() {
        return java.util.Optional.of("Groq offers no embeddings API. Use a token bound to a credential of a provider "
                + "that does: OpenAI, Azure OpenAI, Google Gemini or an OpenAI-compatible server.");
    }
}
