package com.byomlab.llm.internal.providers.presets;

import com.byomlab.llm.KeyShape;
import com.byomlab.llm.PriceNaming;
import com.byomlab.llm.Provider;
import com.byomlab.llm.internal.providers.OpenAiCompatiblePreset;

/** DeepSeek (https://api-docs.deepseek.com): OpenAI-compatible at https://api.deepseek.com, keys sk-…. */
public final class DeepSeekProfile extends OpenAiCompatiblePreset {

    public DeepSeekProfile() {
        super(new Preset(Provider.DEEPSEEK, "DeepSeek", "https://api.deepseek.com",
                KeyShape.prefixed("sk-", "DeepSeek keys look like sk-…"),
                "https://platform.deepseek.com/api_keys",
                "DeepSeek's chat and reasoning models. Create a key on the DeepSeek platform under API keys.",
                PriceNaming.liteLlmSlashed("deepseek")));
    }
}
