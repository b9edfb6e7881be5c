package com.byomlab.llm.internal.providers.presets;

import com.byomlab.llm.KeyShape;
import com.byomlab.llm.PriceNaming;
import com.byomlab.llm.Provider;
import com.byomlab.llm.internal.providers.OpenAiCompatiblePreset;

/**
 * Fireworks AI (https://docs.fireworks.ai/tools-sdks/openai-compatibility): OpenAI-compatible at
 * https://api.fireworks.ai/inference/v1, model ids as paths ({@code accounts/fireworks/models/llama-v3p1-8b-instruct}).
 * Keys have no documented prefix.
 */
public final class FireworksAiProfile extends OpenAiCompatiblePreset {

    public FireworksAiProfile() {
        super(new Preset(Provider.FIREWORKS_AI, "Fireworks AI", "https://api.fireworks.ai/inference/v1",
                KeyShape.matching("[A-Za-z0-9_\\-]{20,256}", "20 or more letters, digits, '_' or '-'",
                        "Fireworks AI keys are a long string of letters and digits"),
                "https://fireworks.ai/account/api-keys",
                "Open models (Llama, Qwen, DeepSeek, ...) served by Fireworks AI. Create a key in your Fireworks "
                        + "account under API Keys.",
                PriceNaming.liteLlmSlashed("fireworks_ai")));
    }
}
