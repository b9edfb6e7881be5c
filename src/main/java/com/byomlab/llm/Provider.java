package com.byomlab.llm;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.byomlab.llm.internal.providers.AnthropicProfile;
import com.byomlab.llm.internal.providers.AzureOpenAiProfile;
import com.byomlab.llm.internal.providers.GeminiProfile;
import com.byomlab.llm.internal.providers.OpenAiCompatibleProfile;
import com.byomlab.llm.internal.providers.OpenAiProfile;
import com.byomlab.llm.internal.providers.bedrock.BedrockProfile;
import com.byomlab.llm.internal.providers.presets.DeepSeekProfile;
import com.byomlab.llm.internal.providers.presets.FireworksAiProfile;
import com.byomlab.llm.internal.providers.presets.GroqProfile;
import com.byomlab.llm.internal.providers.presets.MistralProfile;
import com.byomlab.llm.internal.providers.presets.OpenRouterProfile;
import com.byomlab.llm.internal.providers.presets.TogetherAiProfile;
import com.byomlab.llm.internal.providers.presets.XaiProfile;

/**
 * The registry of provider ids a user may bring a key for. The ids are a contract with clients and stored rows.
 * Everything else about a provider is its {@link #profile()}: adding a provider is one line here and one profile
 * class under {@code llm/internal/providers}. The order is the provider picker's.
 */
public enum Provider {
    OPENAI("openai", OpenAiProfile::new),
    ANTHROPIC("anthropic", AnthropicProfile::new),
    GOOGLE("google", GeminiProfile::new),
    AZURE_OPENAI("azure_openai", AzureOpenAiProfile::new),
    // AWS's own API, signed by the AWS SDK
    BEDROCK("bedrock", BedrockProfile::new),
    // OpenAI-compatible services with a preset: a key is all the user brings
    OPENROUTER("openrouter", OpenRouterProfile::new),
    GROQ("groq", GroqProfile::new),
    DEEPSEEK("deepseek", DeepSeekProfile::new),
    XAI("xai", XaiProfile::new),
    MISTRAL("mistral", MistralProfile::new),
    TOGETHER_AI("together_ai", TogetherAiProfile::new),
    FIREWORKS_AI("fireworks_ai", FireworksAiProfile::new),
    OPENAI_COMPATIBLE("openai_compatible", OpenAiCompatibleProfile::new);

    private final String id;
    private final Supplier<? extends ProviderProfile> profileFactory;

    Provider(String id, Supplier<? extends ProviderProfile> profileFactory) {
        this.id = id;
        this.profileFactory = profileFactory;
    }

    public String id() {
        return id;
    }

    /** Everything specific to this provider. */
    public ProviderProfile profile() {
        return Profiles.BY_PROVIDER.get(this);
    }

    /** Shorthand for {@code profile().displayName()}, used in every message about a provider. */
    public String displayName() {
        return profile().displayName();
    }

    public static Optional<Provider> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(p -> p.id.equals(id.trim())).findFirst();
    }

    /** "openai, anthropic, ..." for error messages that list what is supported. */
    public static String supportedIds() {
        return Arrays.stream(values()).map(Provider::id).collect(Collectors.joining(", "));
    }

    // Built after the enum's own initialisation, so a profile may refer to its Provider constant.
    private static final class Profiles {
        static final Map<Provider, ProviderProfile> BY_PROVIDER = new EnumMap<>(Provider.class);

        static {
            for (Provider p : values()) {
                ProviderProfile profile = p.profileFactory.get();
                if (profile.provider() != p) {
                    throw new IllegalStateException("profile of " + p.id + " says it is " + profile.provider().id());
                }
                BY_PROVIDER.put(p, profile);
            }
        }
    }
}
