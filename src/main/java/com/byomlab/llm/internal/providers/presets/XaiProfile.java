package com.byomlab.llm.internal.providers.presets;

import com.byomlab.llm.KeyShape;
import com.byomlab.llm.PriceNaming;
import com.byomlab.llm.Provider;
import com.byomlab.llm.internal.providers.OpenAiCompatiblePreset;

/** xAI (https://docs.x.ai): OpenAI-compatible at https://api.x.ai/v1, keys xai-…. */
public final class XaiProfile extends OpenAiCompatiblePreset {

    public XaiProfile() {
        super(new Preset(Provider.XAI, "xAI", "https://api.x.ai/v1",
                KeyShape.prefixed("xai-", "xAI keys look like xai-…"),
                "https://console.x.ai",
                "Grok models. Create a key in the xAI console under API Keys.",
                PriceNaming.liteLlmSlashed("xai")));
    }

    @Override
    public String genAiProviderName() {
        return "x_ai";
    }
}
