package com.byomlab.llm.internal.providers.presets;

import com.byomlab.llm.KeyShape;
import com.byomlab.llm.PriceNaming;
import com.byomlab.llm.Provider;
import com.byomlab.llm.internal.providers.OpenAiCompatiblePreset;

/**
 * Mistral AI (https://docs.mistral.ai/api): OpenAI-compatible chat completions and models list at
 * https://api.mistral.ai/v1. Its keys have no documented prefix: letters and digits only.
 */
public final class MistralProfile extends OpenAiCompatiblePreset {

    public MistralProfile() {
        super(new Preset(Provider.MISTRAL, "Mistral AI", "https://api.mistral.ai/v1",
                KeyShape.matching("[A-Za-z0-9]{32,128}", "32 or more letters and digits, with no prefix",
                        "Mistral keys are 32 letters and digits, with no prefix"),
                "https://console.mistral.ai/api-keys",
                "Mistral's models (Mistral Large, Small, Codestral, ...). Create a key in La Plateforme under "
                        + "API Keys.",
                PriceNaming.liteLlmSlashed("mistral")));
    }

    @Override
    public String genAiProviderName() {
        return "mistral_ai";
    }
}
