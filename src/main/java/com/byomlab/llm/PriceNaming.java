package com.byomlab.llm;

import java.util.List;
import java.util.Optional;

/**
 * How a provider's models are named in price files.
 *
 * @param liteLlmProviders   the {@code litellm_provider} values of LiteLLM's price file that price this provider's
 *                           models, best first (when two land on one model, the earlier wins): e.g.
 *                           {@code gemini} before {@code vertex_ai-language-models}; empty when LiteLLM has none
 * @param slashedModelIds    true when the provider's own model ids contain '/' ({@code openrouter}:
 *                           {@code anthropic/claude-sonnet-4}): a LiteLLM key is then the route prefix and the whole
 *                           rest is the id; otherwise a key of more than two parts is a regional variant and skipped
 * @param alsoPricedAs       a provider whose price of the same model name applies when this one has none (Azure OpenAI
 *                           runs OpenAI's models), or empty
 */
public record PriceNaming(List<String> liteLlmProviders, boolean slashedModelIds, Optional<Provider> alsoPricedAs) {

    public PriceNaming {
        liteLlmProviders = List.copyOf(liteLlmProviders);
        alsoPricedAs = alsoPricedAs == null ? Optional.empty() : alsoPricedAs;
    }

    public static PriceNaming liteLlm(String... providers) {
        return new PriceNaming(List.of(providers), false, Optional.empty());
    }

    /** For providers whose model ids may contain '/' (OpenRouter's {@code vendor/model}). */
    public static PriceNaming liteLlmSlashed(String... providers) {
        return new PriceNaming(List.of(providers), true, Optional.empty());
    }

    public static PriceNaming none() {
        return new PriceNaming(List.of(), false, Optional.empty());
    }
}
