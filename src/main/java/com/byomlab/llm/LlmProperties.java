package com.byomlab.llm;

import java.time.Duration;
import java.util.HashMap;
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
 * byom.providers.&lt;id&gt;.api-version      for providers that take one (azure_openai: default 2024-10-21)
 * byom.security.allow-private-endpoints    user base URLs may reach private addresses (default false)
 * byom.llm.validation-timeout              live key check budget (default 10s)
 * </pre>
 */
@ConfigurationProperties("byom")
public record LlmProperties(
        @DefaultValue Map<String, ProviderSettings> providers,
        @DefaultValue Security security,
        @DefaultValue Llm llm) {

    public LlmProperties {
        // keyed by normalised id once, here: every LLM call looks its provider up
        Map<String, ProviderSettings> byId = new HashMap<>();
        if (providers != null) {
            providers.forEach((id, settings) -> byId.putIfAbsent(normalise(id), settings));
        }
        providers = Map.copyOf(byId);
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

    /** The operator's api-version for a provider that takes one, else the profile's default (null when none). */
    public String apiVersion(Provider provider) {
        return settings(provider).map(ProviderSettings::apiVersion).filter(v -> !v.isBlank())
                .orElse(provider.profile().defaultApiVersion());
    }

    public boolean allowPrivateEndpoints() {
        return security.allowPrivateEndpoints();
    }

    public Duration validationTimeout() {
        return llm.validationTimeout();
    }

    private Optional<ProviderSettings> settings(Provider provider) {
        return Optional.ofNullable(providers.get(normalise(provider.id())));
    }

    // Map keys bound without [brackets] lose their '_' ("azure_openai" -> "azureopenai"), so ids are
    // compared with every character but ASCII letters and digits removed.
    private static String normalise(String id) {
        StringBuilder kept = new StringBuilder(id.length());
        for (char c : id.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}
