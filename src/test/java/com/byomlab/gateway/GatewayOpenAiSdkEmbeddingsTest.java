package com.byomlab.gateway;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.EmbeddingScript;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/embeddings} driven by the official {@code openai} npm package (the {@code embeddings} scenario of
 * src/test/node/openai-client/scenario.mjs): the SDK's default request (it asks for base64 and decodes the float32
 * bytes itself), explicit floats with {@code dimensions}, and a token array the gateway refuses with a 400 the SDK
 * raises. The vectors, usage and cost must be what the upstream sent and reported.
 */
class GatewayOpenAiSdkEmbeddingsTest extends ApiIntegrationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Case(String provider, FakeProviderServer fake, String key, String chatModel, String embeddingModel,
                String baseUrl, boolean tokensReported) {
        @Override
        public String toString() {
            return provider;
        }
    }

    static Stream<Case> upstreams() {
        String r = UUID.randomUUID().toString().replace("-", "");
        return Stream.of(
                new Case("openai", OPENAI, "sk-sdk-emb-" + r, "gpt-4o-mini", "text-embedding-3-small", null, true),
                new Case("azure_openai", AZURE, "az-sdk-" + r, "gpt-4o-mini", "text-embedding-3-small",
                        AZURE.baseUrl(), true),
                new Case("google", GEMINI, "AIza" + r, "gemini-2.0-flash", "gemini-embedding-001", null, false));
    }

    @BeforeAll
    static void installClient() throws Exception {
        GatewayOpenAiSdkTest.installClient();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreams")
    void theOfficialSdkGetsTheUpstreamsVectorsAndUsage(Case c) throws Exception {
        String login = api.newUser();
        c.fake().expectKey(c.key());
        Map<String, Object> body = new HashMap<>(Map.of("provider", c.provider(), "api_key", c.key(),
                "model_name", c.chatModel()));
        if (c.baseUrl() != null) {
            body.put("base_url", c.baseUrl());
        }
        Response stored = api.post(GatewayFixtures.CREDENTIALS, login, body);
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        String credential = stored.text("id");
        String token = GatewayFixtures.secret(api, login, credential);
        c.fake().embeddings().enqueue(EmbeddingScript.Reply.ok().promptTokens(11),
                EmbeddingScript.Reply.ok().promptTokens(3));

        JsonNode out = run(token, c);

        JsonNode byDefault = out.path("by_default");
        assertThat(byDefault.path("model").asString()).isEqualTo(c.embeddingModel());
        assertThat(byDefault.path("data")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(floats(byDefault.path("data").get(i).path("embedding")))
                    .containsExactly(EmbeddingScript.vector(i, 4));
        }
        JsonNode floats = out.path("floats");
        assertThat(floats(floats.path("data").get(0).path("embedding"))).containsExactly(EmbeddingScript.vector(0, 3));
        if (c.tokensReported()) {
            assertThat(byDefault.path("usage").path("prompt_tokens").asInt()).isEqualTo(11);
            assertThat(floats.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
        } else {
            assertThat(byDefault.path("usage").isNull()).isTrue();
        }
        JsonNode refused = out.path("token_array");
        assertThat(refused.path("status").asInt()).isEqualTo(400);
        assertThat(refused.path("code").asString()).isEqualTo("unsupported_parameter");
        assertThat(refused.path("param").asString()).isEqualTo("input");

        List<EmbeddingScript.Seen> seen = c.fake().embeddings().requests();
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).inputs()).containsExactly("first text", "second text");
        assertThat(seen.get(1).dimensions()).isEqualTo(3);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM llm_usage WHERE credential_id = ? "
                + "ORDER BY id", UUID.fromString(credential));
        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("model")).isEqualTo(c.embeddingModel());
            assertThat(row.get("outcome")).isEqualTo("ok");
        });
        if (c.tokensReported()) {
            assertThat(rows).extracting(row -> row.get("input_tokens")).containsExactly(11, 3);
            // text-embedding-3-small at the test price of $0.50 per million input tokens
            assertThat((BigDecimal) rows.get(0).get("cost_usd")).isEqualByComparingTo("0.0000055");
            assertThat((BigDecimal) rows.get(1).get("cost_usd")).isEqualByComparingTo("0.0000015");
        } else {
            assertThat(rows).allSatisfy(row -> assertThat(row.get("usage_reported")).isEqualTo(false));
        }
    }

    private JsonNode run(String token, Case c) throws Exception {
        File output = File.createTempFile("gateway-sdk-emb-", ".json");
        try {
            ProcessBuilder node = new ProcessBuilder("node", "scenario.mjs", "embeddings")
                    .directory(GatewayOpenAiSdkTest.CLIENT.toFile()).redirectErrorStream(true).redirectOutput(output);
            node.environment().put("GATEWAY_BASE_URL", "http://127.0.0.1:" + port + "/v1");
            node.environment().put("GATEWAY_TOKEN", token);
            node.environment().put("GATEWAY_MODEL", c.chatModel());
            node.environment().put("GATEWAY_EMBEDDING_MODEL", c.embeddingModel());
            Process process = node.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
            String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("node output: " + text).isZero();
            assertThat(text).doesNotContain(c.key());
            return JSON.readTree(text.strip().lines().reduce((a, b) -> b).orElse(""));
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }

    private static float[] floats(JsonNode values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }
}
