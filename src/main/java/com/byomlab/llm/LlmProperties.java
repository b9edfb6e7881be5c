package com.byomlab.llm;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings the llm capability reads. Bound at "byom" but only these sub-keys; other records may bind
 * other "byom.*" keys (Spring ignores what a record does not declare).
 *
 * <pre>
 * byom.providers.&lt;id&gt;.base-url         operator override, trusted (not subject to the SSRF policy)
 * byom.providers.azure_openai.api-version  default 2024-10-21
 * byom.security.allow-private-endpoints    user base URLs may reach private addresses (default false)
 * byom.llm.validation-timeout              live key check budget (default 10s)
 * </pre>
 */
@ConfigurationProperties("byom")
public record LlmProperties(
        @DefaultValue Map<String, ProviderSettings> providers,
        @DefaultValue Security security,
        @DefaultValue Llm llm) {

    /** The Azure OpenAI data-plane GA version whose REST reference we follow. */
    public static final String DEFAULT_AZURE_API_VERSION = "2024-10-21";

    public LlmProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    public record ProviderSettings(String baseUrl, String apiVersion) {
    }

    public record Security(@DefaultValue("false") boolean allowPrivateEndpoints) {
    }

    public record Llm(@DefaultValue("10s") Duration validationTimeout) {
    }

    /** Defaults everywhere: provider endpoints, strict endpoint policy, 10 s validation. */
    public static LlmProperties defaults() {
        return new LlmProperties(Map.of(), new Security(false), new Llm(Duration.ofSeconds(10)));
    }

    public Optional<String> operatorBaseUrl(Provider provider) {
        return settings(provider).map(ProviderSettings::baseUrl).filter(url -> !url.isBlank());
    }

    public String azureApiVersion() {
        return settings(Provider.AZURE_OPENAI).map(ProviderSettings::apiVersion).filter(v -> !v.isBlank())
                .orElse(DEFAULT_AZURE_API_VERSION);
    }

    public boolean allowPrivateEndpoints() {
        return security.allowPrivateEndpoints();
    }

    public Duration validationTimeout() {
        return llm.validationTimeout();
    }

    // Map keys bound without [brackets] lose their '_' ("azure_openai" -> "azureopenai"), so compare
    // ids with every non-alphanumeric removed.
    private Optional<ProviderSettings> settings(Provider provider) {
        String wanted = normalise(provider.id());
        return providers.entrySet().stream()
                .filter(e -> normalise(e.getKey()).equals(wanted))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
