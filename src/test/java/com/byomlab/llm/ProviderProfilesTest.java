package com.byomlab.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import com.byomlab.llm.internal.http.ProviderHttpClients;
import com.sun.net.httpserver.HttpServer;

/** Every provider is one profile; a preset's profile carries everything a key needs. */
class ProviderProfilesTest {

    @ParameterizedTest
    @EnumSource(Provider.class)
    void everyProviderHasOneProfileThatSaysWhoItIs(Provider provider) {
        ProviderProfile profile = provider.profile();
        assertThat(profile.provider()).isEqualTo(provider);
        assertThat(profile.id()).isEqualTo(provider.id());
        assertThat(ProviderProfiles.byId(provider.id())).containsSame(profile);
        assertThat(profile.displayName()).isNotBlank();
        assertThat(profile.help()).isNotBlank();
        assertThat(profile.keyShape().example()).isNotBlank();
        assertThat(profile.wireProtocol()).isNotNull();
        assertThat(profile.priceNaming()).isNotNull();
        assertThat(profile.keyPageUrl() == null || profile.keyPageUrl().startsWith("https://")).isTrue();
        // a provider either takes the user's base URL or is reached at its own (or the client library's) default
        assertThat(profile.userSuppliesBaseUrl() && profile.defaultBaseUrl() != null).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"OPENROUTER", "GROQ", "DEEPSEEK", "XAI", "MISTRAL", "TOGETHER_AI",
            "FIREWORKS_AI"})
    void aPresetIsAnOperatorTrustedOpenAiCompatibleServiceWithItsOwnKeyPage(Provider preset) {
        ProviderProfile profile = preset.profile();
        assertThat(profile.wireProtocol()).isEqualTo(WireProtocol.OPENAI_CHAT);
        assertThat(profile.userSuppliesBaseUrl()).isFalse();
        assertThat(profile.defaultBaseUrl()).startsWith("https://").doesNotEndWith("/");
        assertThat(profile.keyPageUrl()).startsWith("https://");
        assertThat(profile.priceNaming().liteLlmProviders()).hasSize(1);
        assertThat(profile.targetProblem("https://elsewhere.example/v1", null, null))
                .hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("base_url_not_allowed"));
        assertThat(profile.targetProblem(null, null, null)).isEmpty();
    }

    @Test
    void liteLlmRoutesBelongToOneProviderEach() {
        List<String> names = new ArrayList<>();
        ProviderProfiles.all().forEach(p -> names.addAll(p.priceNaming().liteLlmProviders()));
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).contains("openai", "anthropic", "gemini", "azure", "openrouter", "groq", "deepseek", "xai",
                "mistral", "together_ai", "fireworks_ai");
    }

    /** Documented shapes pass, anything else is refused with what is wrong, never quoting the key. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "groq,         gsk_0123456789abcdefABCDEF0123456789abcdefABCDEF0123456789,  true",
            "groq,         sk-0123456789abcdef0123456789abcdef,                          false",
            "openrouter,   sk-or-v1-0123456789abcdef0123456789abcdef0123456789abcdef,    true",
            "openrouter,   sk-0123456789abcdef0123456789abcdef,                          false",
            "deepseek,     sk-0123456789abcdef0123456789abcdef,                          true",
            "deepseek,     0123456789abcdef0123456789abcdef,                             false",
            "xai,          xai-0123456789abcdefABCDEF0123456789abcdefABCDEF0123456789,   true",
            "xai,          sk-0123456789abcdef0123456789abcdef,                          false",
            "mistral,      0123456789abcdefABCDEF0123456789,                             true",
            "mistral,      sk-0123456789abcdef0123456789abcdef,                          false",
            "mistral,      0123456789abcdef,                                             false",
            "together_ai,  0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, true",
            "together_ai,  tgp_v1_0123456789abcdefABCDEF0123456789abcdefABCD,            true",
            "together_ai,  0123456789,                                                   false",
            "fireworks_ai, fw_0123456789abcdefABCDEF01,                                  true",
            "fireworks_ai, fw 0123456789abcdef0123456789,                                false"})
    void presetKeyShapes(String provider, String key, boolean fits) {
        ProviderProfile profile = ProviderProfiles.byId(provider).orElseThrow();
        var problem = profile.keyShape().problem(key, profile.displayName());
        assertThat(problem.isEmpty()).as(problem.orElse("fits")).isEqualTo(fits);
        problem.ifPresent(p -> assertThat(p).contains(profile.displayName()).doesNotContain(key));
    }

    @Test
    void aPresetIsReachedAtItsDocumentedRootUnlessTheOperatorMovesIt() throws Exception {
        // Together AI answers GET /models with a bare JSON array, not {"data": [...]}
        HttpServer together = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> seen = new ArrayList<>();
        together.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("[{\"id\":\"meta-llama/Llama-3.3-70B-Instruct-Turbo\",\"object\":\"model\","
                    + "\"created\":1733443200,\"display_name\":\"Llama 3.3 70B Instruct Turbo\",\"context_length\":131072},"
                    + "{\"id\":\"Qwen/Qwen2.5-7B-Instruct-Turbo\",\"object\":\"model\"}]").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        together.start();
        String root = "http://127.0.0.1:" + together.getAddress().getPort() + "/v1";
        // the strict user-endpoint policy stays on: an operator's base URL is trusted, loopback or not
        LlmProperties properties = new LlmProperties(Map.of("together_ai", new LlmProperties.ProviderSettings(root,
                null)), new LlmProperties.Security(false), new LlmProperties.Llm(Duration.ofSeconds(5)));
        BaseUrlPolicy policy = new BaseUrlPolicy(false);
        try (ProviderHttpClients clients = new ProviderHttpClients(policy); ApiKey key = ApiKey.of("together-key")) {
            ValidationResult result = new KeyValidator(properties, policy, clients)
                    .validate(ProviderTarget.of(Provider.TOGETHER_AI), key, "meta-llama/Llama-3.3-70B-Instruct-Turbo");

            assertThat(result.valid()).as(String.valueOf(result.error())).isTrue();
            assertThat(result.models()).containsExactly(
                    new ModelInfo("meta-llama/Llama-3.3-70B-Instruct-Turbo", "Llama 3.3 70B Instruct Turbo", 131072,
                            java.time.Instant.ofEpochSecond(1_733_443_200L)),
                    new ModelInfo("Qwen/Qwen2.5-7B-Instruct-Turbo", "Qwen/Qwen2.5-7B-Instruct-Turbo", null, null));
            assertThat(seen).containsExactly("GET /v1/models Bearer together-key");
        } finally {
            together.stop(0);
        }
    }

    @Test
    void aUserCannotPointAPresetElsewhere() {
        BaseUrlPolicy policy = new BaseUrlPolicy(true);
        try (ProviderHttpClients clients = new ProviderHttpClients(policy); ApiKey key = ApiKey.of("gsk_x")) {
            ValidationResult result = new KeyValidator(LlmProperties.defaults(), policy, clients)
                    .validate(ProviderTarget.of(Provider.GROQ, "http://127.0.0.1:1/v1"), key, null);

            assertThat(result.valid()).isFalse();
            assertThat(result.error().code()).isEqualTo(ErrorCode.BAD_BASE_URL);
            assertThat(result.error().hint()).contains("Groq is always reached at its official endpoint");
        }
    }
}
