package com.byomlab.llm.internal.providers.presets;

import com.byomlab.llm.KeyShape;
import com.byomlab.llm.PriceNaming;
import com.byomlab.llm.Provider;
import com.byomlab.llm.internal.providers.OpenAiCompatiblePreset;

/**
 * OpenRouter (https://openrouter.ai/docs/api-reference/overview): OpenAI-compatible at https://openrouter.ai/api/v1,
 * keys sk-or-…, model ids with the vendor in front ({@code anthropic/claude-sonnet-4}). Its {@code GET /models} is
 * public, so the key is proven by {@code GET /key} (the current key's details) first.
 */
public final class OpenRouterProfile extends OpenAiCompatiblePreset {

    public OpenRouterProfile() {
        super(new Preset(Provider.OPENROUTER, "OpenRouter", "https://openrouter.ai/api/v1",
                KeyShape.prefixed("sk-or-", "OpenRouter keys look like sk-or-v1-…"),
                "https://openrouter.ai/settings/keys",
                "Models of many vendors through one key, named vendor/model (e.g. openai/gpt-4o). Create a key "
                        + "under Settings → API Keys on OpenRouter.",
                PriceNaming.liteLlmSlashed("openrouter")));
    }

    @Override
    protected String keyCheckPath() {
        return "/key";
    }
}
