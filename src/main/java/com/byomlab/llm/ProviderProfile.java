package com.byomlab.llm;

import java.util.Optional;

/**
 * Everything about one provider that code outside {@code llm} may ask: who it is, what its keys look like and where
 * a user gets one, where it is reached, which protocol it speaks, how its prompts are best shaped and how its
 * models are named in price files. One implementation per provider, under {@code llm/internal/providers}; the wire
 * side (model building, listing, error signals, token normalisation) is on the same class, behind the internal
 * {@code ProviderDriver}. Code elsewhere asks the profile instead of testing which provider it has.
 *
 * <p>Obtain one with {@link Provider#profile()} or {@link ProviderProfiles}.
 */
public interface ProviderProfile {

    /** The id stored in rows and used in the API ({@code openai}, {@code groq}, ...). */
    Provider provider();

    default String id() {
        return provider().id();
    }

    String displayName();

    /** One or two sentences for the provider picker: which models, and where the key comes from. */
    String help();

    /** Where the user gets or manages a key; null when there is no single such page. */
    String keyPageUrl();

    /** What a key of this provider looks like (checked before any network call). */
    KeyShape keyShape();

    /** The wire protocol the provider speaks natively (a gateway surface in that protocol can pass through). */
    WireProtocol wireProtocol();

    // ---- where the provider lives

    /** True when the user must say where the provider lives (an Azure resource, a compatible server). */
    boolean userSuppliesBaseUrl();

    /**
     * The public API root when the operator overrides nothing and the user supplies nothing, e.g.
     * {@code https://api.groq.com/openai/v1}; null means the LangChain4j client's built-in default (openai,
     * anthropic, google) or, with {@link #userSuppliesBaseUrl()}, that there is none.
     */
    String defaultBaseUrl();

    /** An example base URL for the form, or null when the user gives none. */
    default String baseUrlExample() {
        return null;
    }

    /** How to fix a refused or wrong base URL (a hint for a person). */
    default String baseUrlHelp() {
        return "This provider is always reached at its official endpoint.";
    }

    /** True when the credential names the region its models are called in (bedrock); see {@link #regionProblem}. */
    default boolean takesRegion() {
        return false;
    }

    /**
     * Why this region cannot be stored for this provider (missing, or not a region name), or empty. Only asked when
     * {@link #takesRegion()}; a region for a provider that takes none is refused by the vault.
     */
    default Optional<TargetProblem> regionProblem(String region) {
        return Optional.empty();
    }

    /**
     * The part of a key that may be shown, masked, to its owner: the whole key for most providers; for a key made of
     * an identifier and a secret (Bedrock's ACCESS_KEY_ID:SECRET) only the identifier, so no mask ever shows a
     * character of the secret.
     */
    default String maskable(String key) {
        return key;
    }

    /** True when the credential carries an API version (azure_openai). */
    default boolean takesApiVersion() {
        return false;
    }

    /** The API version used when neither the credential nor the operator names one; null when none is taken. */
    default String defaultApiVersion() {
        return null;
    }

    /**
     * True when the model name is a deployment of the user's own (azure_openai): required on the credential, and
     * not checkable against a models list.
     */
    default boolean modelIsDeployment() {
        return false;
    }

    /**
     * Why these connection details cannot be stored for this provider, or empty. The base-URL rules of a credential,
     * in one place: the vault refuses with the problem's code, the endpoint resolver applies the same rules.
     */
    default Optional<TargetProblem> targetProblem(String baseUrl, String apiVersion, String model) {
        boolean hasUrl = baseUrl != null && !baseUrl.isBlank();
        if (userSuppliesBaseUrl() && !hasUrl) {
            return Optional.of(new TargetProblem("base_url_required", displayName() + " needs base_url: "
                    + baseUrlHelp()));
        }
        if (!userSuppliesBaseUrl() && hasUrl) {
            return Optional.of(new TargetProblem("base_url_not_allowed", displayName() + " is always reached at its "
                    + "official endpoint. For another server speaking the OpenAI protocol use provider openai_compatible."));
        }
        if (!takesApiVersion() && apiVersion != null && !apiVersion.isBlank()) {
            return Optional.of(new TargetProblem("api_version_not_allowed", "api_version applies only to "
                    + ProviderProfiles.all().stream().filter(ProviderProfile::takesApiVersion).map(ProviderProfile::id)
                            .reduce((a, b) -> a + ", " + b).orElse("no provider") + "."));
        }
        if (modelIsDeployment() && (model == null || model.isBlank())) {
            return Optional.of(new TargetProblem("model_name_required", "For " + displayName()
                    + ", model_name is the name of your deployment."));
        }
        return Optional.empty();
    }

    /** What to tell a person whose key the provider refused. */
    default String invalidKeyHint() {
        return "Check that you copied the whole key and that it is still active, or create a new key.";
    }

    // ---- how the rest of the service uses it

    /**
     * Why a credential of this provider cannot serve embeddings ({@code POST /v1/embeddings}), in a sentence a user
     * can act on; empty when it can. Unless a profile says otherwise a provider has none.
     */
    default Optional<String> embeddingsUnavailable() {
        return Optional.of(displayName() + " offers no embeddings API. Use a token bound to a credential of a "
                + "provider that does: OpenAI, Azure OpenAI, Google Gemini or an OpenAI-compatible server.");
    }

    /** How the Lab's opening messages are best shaped for this model. */
    default PromptStyle promptStyle(String model) {
        return PromptStyle.SYSTEM_MESSAGE;
    }

    /** How this provider's models are named in price files. */
    PriceNaming priceNaming();

    /**
     * The provider as named by {@code gen_ai.provider.name} in the OpenTelemetry GenAI semantic conventions (v1.41.1):
     * one of their well-known values where there is one ({@code openai}, {@code anthropic}, {@code gcp.gemini},
     * {@code aws.bedrock}, {@code azure.ai.openai}, {@code groq}, ...), else our own id.
     */
    default String genAiProviderName() {
        return id();
    }
}
