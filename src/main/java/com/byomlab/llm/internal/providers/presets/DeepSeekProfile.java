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

    /** Its OpenAI-compatible API has no /embeddings: refused here with a reason rather than a 404 from upstream. */
    @Override
    public java.util.Optional<String> embeddingsUnavailable() {
        return java.util.Optional.of("DeepSeek offers no embeddings API. Use a token bound to a credential of a provider "
                + "that does: OpenAI, Azure OpenAI, Google Gemini or an OpenAI-compatible server.");
    }
}
