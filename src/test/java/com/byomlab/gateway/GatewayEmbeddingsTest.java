package com.byomlab.gateway;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.EmbeddingScript;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/embeddings} through the one metered pipeline, on every provider with embeddings, against fakes
 * speaking each provider's embeddings wire format: the vectors in order, the usage the upstream reported and the
 * cost priced from it (test prices: text-embedding-3-small at $0.50 per million input tokens), the rate limit and
 * caps, clear 400s where a provider has no embeddings or the request asks for what we do not serve, and never the key
 * in an answer.
 */
class GatewayEmbeddingsTest extends ApiIntegrationTest {

    static final String EMBEDDINGS = "/v1/embeddings";

    /**
     * @param tokensReported false for Gemini, whose embeddings answer carries no token count
     * @param cost           the expected cost of 24 input tokens, null when unknown (no usage or no price)
     */
    record Case(String provider, FakeProviderServer fake, String key, String chatModel, String embeddingModel,
                String baseUrl, boolean tokensReported, BigDecimal cost) {
        @Override
        public String toString() {
            return provider;
        }
    }

    static Stream<Case> providers() {
        String r = UUID.randomUUID().toString().replace("-", "");
        return Stream.of(
                new Case("openai", OPENAI, "sk-emb-" + r, "gpt-4o-mini", "text-embedding-3-small", null, true,
                        new BigDecimal("0.000012")),
                // the deployment is named after the model: priced from OpenAI's entry of that name
                new Case("azure_openai", AZURE, "az" + r, "gpt-4o-mini", "text-embedding-3-small", AZURE.baseUrl(),
                        true, new BigDecimal("0.000012")),
                new Case("google", GEMINI, "AIza" + r, "gemini-2.0-flash", "gemini-embedding-001", null, false, null),
                new Case("openai_compatible", COMPATIBLE, "compat-" + r, "gpt-4o-mini", "nomic-embed-text",
                        COMPATIBLE.baseUrl(), true, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void vectorsInOrderWithTheUpstreamsUsageAndItsCost(Case c) {
        Setup s = setUp(c);

        Response answer = api.post(EMBEDDINGS, s.token(), Map.of("model", c.embeddingModel(),
                "input", List.of("first text", "second text", "third text"), "dimensions", 3));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.path("object").asString()).isEqualTo("list");
        assertThat(body.path("model").asString()).isEqualTo(c.embeddingModel());
        JsonNode data = body.path("data");
        assertThat(data).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(data.get(i).path("object").asString()).isEqualTo("embedding");
            assertThat(data.get(i).path("index").asInt()).isEqualTo(i);
            assertThat(floats(data.get(i).path("embedding"))).containsExactly(EmbeddingScript.vector(i, 3));
        }
        if (c.tokensReported()) {
            assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(24);
            assertThat(body.path("usage").path("total_tokens").asInt()).isEqualTo(24);
        } else {
            assertThat(body.has("usage")).as("no usage where the provider reports none").isFalse();
        }
        assertThat(answer.headers().get("ratelimit-remaining")).as("our gateway limit counted it").isNotEmpty();
        assertThat(answer.body()).doesNotContain(c.key());

        EmbeddingScript.Seen seen = c.fake().embeddings().lastRequest();
        assertThat(seen.inputs()).containsExactly("first text", "second text", "third text");
        assertThat(seen.dimensions()).isEqualTo(3);
        assertThat(seen.authKey()).isEqualTo(c.key());
        assertThat(seen.raw().requestLine()).doesNotContain(c.key());
        assertThat(c.fake().chat().requests()).isEmpty();

        List<Map<String, Object>> rows = usageRows(s);
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row.get("purpose")).isEqualTo("gateway");
        assertThat(row.get("provider")).isEqualTo(c.provider());
        assertThat(row.get("model")).as("the model that ran").isEqualTo(c.embeddingModel());
        assertThat(row.get("outcome")).isEqualTo("ok");
        assertThat(row.get("usage_reported")).isEqualTo(c.tokensReported());
        if (c.tokensReported()) {
            assertThat(row.get("input_tokens")).isEqualTo(24);
            assertThat(row.get("output_tokens")).isEqualTo(0);
        }
        if (c.cost() == null) {
            assertThat(row.get("cost_usd")).isNull();
        } else {
            assertThat((BigDecimal) row.get("cost_usd")).isEqualByComparingTo(c.cost());
        }
        String audit = jdbc.queryForList("SELECT detail FROM audit_events WHERE credential_id = ? AND operation = 'credential.use'", String.class,
                UUID.fromString(s.credentialId())).toString();
        assertThat(audit).contains("gateway").doesNotContain(c.key());
    }

    @Test
    void base64IsTheLittleEndianFloat32BytesAsOpenAiSendsThem() {
        Case c = providers().findFirst().orElseThrow();
        Setup s = setUp(c);

        Response answer = api.post(EMBEDDINGS, s.token(), Map.of("model", c.embeddingModel(),
                "input", "one text", "encoding_format", "base64"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        String encoded = answer.json().path("data").get(0).path("embedding").asString();
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.remaining() / 4];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = bytes.getFloat();
        }
        assertThat(vector).containsExactly(EmbeddingScript.vector(0, 4));
        assertThat(OPENAI.embeddings().lastRequest().inputs()).containsExactly("one text");
    }

    @Test
    void providersWithoutEmbeddingsAreRefusedWithAClearMessageAndNothingIsCalled() {
        Upstream anthropic = Upstream.anthropic(ANTHROPIC);
        String login = api.newUser();
        String credential = GatewayFixtures.credential(api, login, anthropic);
        String token = GatewayFixtures.secret(api, login, credential);
        ANTHROPIC.reset(); // forget the key check of the credential's creation

        Response refused = api.post(EMBEDDINGS, token, Map.of("model", "voyage-3", "input", "hello"));

        GatewayErrorsTest.assertError(refused, 400, "invalid_request_error", "embeddings_not_supported", "model");
        assertThat(refused.json().path("error").path("message").asString())
                .contains("Anthropic", "no embeddings", "OpenAI", "Google Gemini");
        assertThat(ANTHROPIC.requests()).isEmpty();
        assertThat(jdbc.queryForList("SELECT * FROM llm_usage WHERE credential_id = ?",
                UUID.fromString(credential))).isEmpty();

        Upstream bedrock = Upstream.bedrock(BEDROCK);
        String bedrockToken = GatewayFixtures.secret(api, login, GatewayFixtures.credential(api, login, bedrock));
        Response bedrockRefused = api.post(EMBEDDINGS, bedrockToken, Map.of("model", "amazon.titan-embed-text-v2:0",
                "input", "hello"));
        GatewayErrorsTest.assertError(bedrockRefused, 400, "invalid_request_error", "embeddings_not_supported",
                "model");
        assertThat(bedrockRefused.json().path("error").path("message").asString()).contains("Bedrock");
    }

    @Test
    void requestsWeDoNotServeAreRefusedBeforeAnyCall() {
        Setup s = setUp(providers().findFirst().orElseThrow());
        String model = "text-embedding-3-small";

        assertRefused(s, Map.of("model", model, "input", List.of(1, 2, 3)), "unsupported_parameter", "input",
                "Token arrays");
        assertRefused(s, Map.of("model", model, "input", List.of(List.of(1, 2), List.of(3))),
                "unsupported_parameter", "input", "Token arrays");
        assertRefused(s, Map.of("model", model, "input", ""), null, "input", "empty");
        assertRefused(s, Map.of("model", model, "input", List.of()), null, "input", "non-empty");
        assertRefused(s, Map.of("input", "hello"), null, "model", "required");
        assertRefused(s, Map.of("model", model, "input", "hello", "encoding_format", "int8"), null,
                "encoding_format", "base64");
        assertRefused(s, Map.of("model", model, "input", "hello", "dimensions", 0), null, "dimensions",
                "positive integer");
        assertThat(OPENAI.requests()).isEmpty();
        assertThat(usageRows(s)).isEmpty();
    }

    @Test
    void anUnknownModelIsTheUpstreamsNotFoundAndIsMetered() {
        Setup s = setUp(providers().findFirst().orElseThrow());

        Response refused = api.post(EMBEDDINGS, s.token(), Map.of("model", "gpt-4o-mini", "input", "hello"));

        GatewayErrorsTest.assertError(refused, 404, "invalid_request_error", "model_not_found", "model");
        assertThat(refused.body()).doesNotContain(s.key()).doesNotContain("does not exist or you do not have access");
        assertThat(usageRows(s)).extracting(r -> r.get("outcome")).containsExactly("unknown_model");
    }

    @Test
    void aReachedCapRefusesTheNextEmbeddingsCallWithoutCallingTheProvider() {
        Setup s = setUp(providers().findFirst().orElseThrow());
        assertThat(api.put("/api/v1/users/me/budget", s.login(), Map.of("monthly_cap_usd", "0.001")).status())
                .isEqualTo(200);
        OPENAI.embeddings().enqueue(EmbeddingScript.Reply.ok().promptTokens(1_000_000)); // $0.50 crosses the cap
        assertThat(api.post(EMBEDDINGS, s.token(), Map.of("model", "text-embedding-3-small", "input", "a"))
                .status()).isEqualTo(200);

        Response refused = api.post(EMBEDDINGS, s.token(), Map.of("model", "text-embedding-3-small", "input", "b"));

        GatewayErrorsTest.assertError(refused, 429, "insufficient_quota", "cost_limit_reached", null);
        assertThat(OPENAI.embeddings().requests()).hasSize(1);
    }

    @Test
    void aProviderFailureIsRetriedThenExplainedWithoutTheProvidersText() {
        Setup s = setUp(providers().findFirst().orElseThrow());
        for (int i = 0; i < 4; i++) {
            OPENAI.embeddings().enqueue(EmbeddingScript.Reply.failure(Scenario.serverError(500)));
        }

        Response failed = api.post(EMBEDDINGS, s.token(), Map.of("model", "text-embedding-3-small", "input", "a"));

        GatewayErrorsTest.assertError(failed, 502, "server_error", "provider_unavailable", null);
        assertThat(failed.headers().get("x-should-retry")).containsExactly("false");
        assertThat(OPENAI.embeddings().requests()).as("1 attempt + 3 retries").hasSize(4);
        for (String raw : OPENAI.rawErrorTexts()) {
            assertThat(failed.body()).doesNotContain(raw);
        }
        assertThat(usageRows(s)).extracting(r -> r.get("outcome")).containsExactly("provider_unavailable");
    }

    // --- helpers

    record Setup(String login, String credentialId, String token, String key) {
    }

    private Setup setUp(Case c) {
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
        c.fake().reset();
        return new Setup(login, credential, GatewayFixtures.secret(api, login, credential), c.key());
    }

    private void assertRefused(Setup s, Map<String, Object> body, String code, String param, String says) {
        Response refused = api.post(EMBEDDINGS, s.token(), body);
        GatewayErrorsTest.assertError(refused, 400, "invalid_request_error", code, param);
        assertThat(refused.json().path("error").path("message").asString()).contains(says);
    }

    private List<Map<String, Object>> usageRows(Setup s) {
        return jdbc.queryForList("SELECT * FROM llm_usage WHERE credential_id = ? ORDER BY id",
                UUID.fromString(s.credentialId()));
    }

    private static float[] floats(JsonNode values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }
}
