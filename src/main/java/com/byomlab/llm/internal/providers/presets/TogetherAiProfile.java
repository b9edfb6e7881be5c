package com.byomlab.llm.internal.providers.presets;

import com.byomlab.llm.KeyShape;
import com.byomlab.llm.PriceNaming;
import com.byomlab.llm.Provider;
import com.byomlab.llm.internal.providers.OpenAiCompatiblePreset;

/**
 * Together AI (https://docs.together.ai/docs/openai-api-compatibility): OpenAI-compatible at
 * https://api.together.xyz/v1, model ids with the vendor in front ({@code meta-llama/Llama-3.3-70B-Instruct-Turbo});
 * its models list is a bare JSON array. Keys have no documented prefix.
 */
public final class TogetherAiProfile extends OpenAiCompatiblePreset {

    public TogetherAiProfile() {
        super(new Preset(Provider.TOGETHER_AI, "Together AI", "https://api.together.xyz/v1",
                KeyShape.matching("[A-Za-z0-9_\\-]{32,256}", "32 or more letters, digits, '_' or '-'",
                        "Together AI keys are a long string of letters and digits"),
                "https://api.together.ai/settings/api-keys",
                "Open models (Llama, Qwen, DeepSeek, ...) hosted by Together AI. Create a key in your Together AI "
                        + "settings under API Keys.",
                PriceNaming.liteLlmSlashed("together_ai")));
    }
}
