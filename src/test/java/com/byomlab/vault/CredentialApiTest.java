package com.byomlab.vault;

import com.byomlab.keyring.MasterKeyRing;
import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.FakeProviderServer;
import com.byomlab.testsupport.fakes.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialApiTest extends ApiIntegrationTest {

    static final String PATH = "/api/v1/users/me/llm-credentials";

    @Autowired
    MasterKeyRing keys;

    record Case(String provider, FakeProviderServer fake, String key, String baseUrl, String model, String authHeader,
                String authValue) {
        @Override
        public String toString() {
            return provider;
        }
    }

    static Stream<Case> providers() {
        return Stream.of(
                new Case("openai", OPENAI, "sk-proj-" + rand(), null, "gpt-4o-mini", "authorization", "Bearer "),
                new Case("anthropic", ANTHROPIC, "sk-ant-api03-" + rand(), null, null, "x-api-key", ""),
                new Case("google", GEMINI, "AIza" + rand(), null, "gemini-2.0-flash", "x-goog-api-key", ""),
                new Case("azure_openai", AZURE, rand() + rand(), AZURE.baseUrl(), "gpt-4o-mini-2024-07-18", "api-key", ""),
                new Case("openai_compatible", COMPATIBLE, "local-" + rand(), COMPATIBLE.baseUrl(), null,
                        "authorization", "Bearer "),
                // presets: no base URL from the user (the operator override points them at the fakes)
                new Case("groq", GROQ, "gsk_" + rand(), null, "gpt-4o-mini", "authorization", "Bearer "),
                // OpenRouter's models list is public: GET /key is what proves the key
                new Case("openrouter", OPENROUTER, "sk-or-v1-" + rand(), null, "openai/gpt-4o-mini", "authorization",
                        "Bearer "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aValidKeyIsStoredEncryptedAndShownOnlyMasked(Case c) {
        String token = api.newUser();
        c.fake().expectKey(c.key());

        Response created = api.post(PATH, token, body(c));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("provider")).isEqualTo(c.provider());
        assertThat(created.json().path("is_default").asBoolean()).isTrue(); // the first one is the default
        String masked = created.text("api_key_masked");
        assertThat(masked).startsWith(c.key().substring(0, 4)).endsWith(c.key().substring(c.key().length() - 4));
        assertThat(created.body()).doesNotContain(c.key());
        // the provider saw the key in its own auth header, never in the URL
        assertThat(c.fake().lastRequest().header(c.authHeader())).hasValue(c.authValue() + c.key());
        assertThat(c.fake().lastRequest().requestLine()).doesNotContain(c.key());

        UUID id = UUID.fromString(created.text("id"));
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM user_llm_credentials WHERE id = ?", id);
        byte[] ciphertext = (byte[]) row.get("encrypted_api_key");
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(c.key());
        assertThat(((Number) row.get("encryption_key_id")).longValue())
                .isEqualTo(Integer.toUnsignedLong(keys.primaryKeyId()))
                .isEqualTo(Integer.toUnsignedLong(MasterKeyRing.keyIdOf(ciphertext)));

        Response list = api.get(PATH, token);
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).path("api_key_masked").asText()).isEqualTo(masked);
        assertThat(list.body()).doesNotContain(c.key()).doesNotContain("encrypted");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void aKeyTheProviderRefusesIsNeverStored(Case c) {
        String token = api.newUser();
        c.fake().expectKey("some-other-key");

        Response refused = api.post(PATH, token, body(c));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("invalid_key");
        assertThat(refused.text("detail")).isNotBlank();
        assertThat(refused.text("hint")).isNotBlank();
        for (String raw : c.fake().rawErrorTexts()) {
            assertThat(refused.body()).doesNotContain(raw);
        }
        assertThat(api.get(PATH, token).json()).isEmpty();
        assertThat(rowsOf(token)).isZero();
    }

    @Test
    void providerFailuresAreNamedInTheTaxonomy() {
        String token = api.newUser();
        String key = "sk-" + rand();
        OPENAI.expectKey(key);
        Map<Scenario, String> expected = Map.of(
                Scenario.rateLimited(3), "rate_limited",
                Scenario.quotaExhausted(), "insufficient_quota",
                Scenario.serverError(500), "provider_unavailable",
                Scenario.malformedJson(), "provider_unavailable",
                Scenario.hang(), "timeout");
        expected.forEach((scenario, code) -> {
            OPENAI.script(scenario);
            Response r = api.post(PATH, token, Map.of("provider", "openai", "api_key", key));
            assertThat(r.json().path("code").asText()).as(scenario.kind().name()).isEqualTo(code);
            assertThat(r.status()).isBetween(422, 504);
        });
        assertThat(rowsOf(token)).isZero();
    }

    @Test
    void testConnectionAnswersWithModelsAndLatencyAndStoresNothing() {
        String token = api.newUser();
        String key = "sk-" + rand();
        OPENAI.expectKey(key).models("gpt-4o", "gpt-4o-mini");

        Response ok = api.post(PATH + "/validate", token, Map.of("provider", "openai", "api_key", key));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("valid").asBoolean()).isTrue();
        assertThat(ok.json().path("latency_ms").isNumber()).isTrue();
        assertThat(ok.json().path("models").findValuesAsString("id")).contains("gpt-4o", "gpt-4o-mini");

        Response bad = api.post(PATH + "/validate", token, Map.of("provider", "openai", "api_key", "sk-wrong" + rand()));
        assertThat(bad.status()).isEqualTo(200);
        assertThat(bad.json().path("valid").asBoolean()).isFalse();
        JsonNode error = bad.json().path("error");
        assertThat(error.path("code").asText()).isEqualTo("invalid_key");
        assertThat(error.path("hint").asText()).isNotBlank();
        assertThat(error.path("docs_url").asText()).startsWith("https://platform.openai.com");

        assertThat(rowsOf(token)).isZero();
    }

    @Test
    void aModelTheKeyCannotUseIsRefused() {
        String token = api.newUser();
        String key = "sk-" + rand();
        OPENAI.expectKey(key).models("gpt-4o");
        Response r = api.post(PATH, token, Map.of("provider", "openai", "api_key", key, "model_name", "gpt-9-ultra"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.text("code")).isEqualTo("unknown_model");
        assertThat(rowsOf(token)).isZero();
    }

    @Test
    void badInputIsA4xxProblemAndStoresNothing() {
        String token = api.newUser();
        Map<String, Object> cases = new HashMap<>();
        cases.put("unsupported_provider", Map.of("provider", "cohere", "api_key", "sk-abc"));
        cases.put("validation_failed", Map.of("provider", "openai", "api_key", ""));
        cases.put("invalid_key_format  ", Map.of("provider", "openai", "api_key", "sk-" + "x".repeat(510)));
        cases.put("invalid_key_format", Map.of("provider", "anthropic", "api_key", "sk-proj-not-anthropic"));
        cases.put("invalid_key_format ", Map.of("provider", "openai", "api_key", "sk-has space"));
        cases.put("base_url_required", Map.of("provider", "openai_compatible", "api_key", "k-123"));
        cases.put("base_url_not_allowed", Map.of("provider", "openai", "api_key", "sk-abc", "base_url", "http://x.example"));
        cases.put("bad_base_url", Map.of("provider", "openai_compatible", "api_key", "k-123", "base_url", "ftp://example.com/v1"));
        cases.put("malformed_request", "{\"provider\": \"openai\", \"api_key\": ");
        cases.put("malformed_request ", "[1, 2]");

        cases.forEach((code, body) -> {
            Response r = api.post(PATH, token, body);
            assertThat(r.status()).as(code + " " + r.body()).isBetween(400, 422);
            assertThat(r.text("code")).as(code).isEqualTo(code.strip());
            assertThat(r.text("detail")).as(code).isNotBlank();
            assertThat(r.headers().get("content-type").get(0)).startsWith("application/problem+json");
        });
        Response unsupported = api.post(PATH, token, Map.of("provider", "cohere", "api_key", "sk-abc"));
        assertThat(unsupported.text("detail")).contains("openai", "anthropic", "google", "azure_openai", "openai_compatible");
        assertThat(rowsOf(token)).isZero();
    }

    @Test
    void exactlyOneDefaultAndTheDatabaseEnforcesIt() {
        String token = api.newUser();
        String first = create(token, "first");
        String second = create(token, "second");
        assertThat(defaults(token)).containsExactly(first);

        Response switched = api.put(PATH + "/" + second + "/default", token, null);
        assertThat(switched.status()).isEqualTo(200);
        assertThat(switched.json().path("is_default").asBoolean()).isTrue();
        assertThat(defaults(token)).containsExactly(second);

        Response unset = api.patch(PATH + "/" + second, token, Map.of("is_default", false));
        assertThat(unset.status()).isEqualTo(409);
        assertThat(unset.text("code")).isEqualTo("default_required");

        // even code that bypasses the service cannot make a second default
        assertThatThrownBy(() -> jdbc.update("UPDATE user_llm_credentials SET is_default = TRUE WHERE id = ?",
                UUID.fromString(first))).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("UPDATE user_llm_credentials SET is_default = FALSE WHERE id = ?",
                UUID.fromString(second))).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void deleteIsSoftDestroysTheCiphertextAndPromotesANewDefault() {
        String token = api.newUser();
        String first = create(token, "first");
        String second = create(token, "second");

        assertThat(api.delete(PATH + "/" + first, token).status()).isEqualTo(204);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM user_llm_credentials WHERE id = ?", UUID.fromString(first));
        assertThat(row.get("is_active")).isEqualTo(false);
        assertThat(row.get("encrypted_api_key")).isNull();
        assertThat(row.get("encryption_key_id")).isNull();
        assertThat(api.get(PATH, token).json().findValuesAsString("id")).containsExactly(second);
        assertThat(defaults(token)).containsExactly(second);
        assertThat(api.delete(PATH + "/" + first, token).status()).isEqualTo(404);
    }

    @Test
    void patchValidatesANewKeyBeforeReplacingTheOldOne() {
        String token = api.newUser();
        String oldKey = "sk-" + rand();
        OPENAI.expectKey(oldKey);
        String id = api.post(PATH, token, Map.of("provider", "openai", "api_key", oldKey)).text("id");
        byte[] before = ciphertext(id);

        Response refused = api.patch(PATH + "/" + id, token, Map.of("api_key", "sk-not-accepted-" + rand()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("invalid_key");
        assertThat(ciphertext(id)).isEqualTo(before);

        String newKey = "sk-" + rand();
        OPENAI.expectKey(newKey);
        Response rotated = api.patch(PATH + "/" + id, token, Map.of("api_key", newKey, "label", "rotated"));
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.text("label")).isEqualTo("rotated");
        assertThat(rotated.text("api_key_masked")).endsWith(newKey.substring(newKey.length() - 4));
        assertThat(ciphertext(id)).isNotEqualTo(before);

        // the stored (new) key is what a later live call sends
        Response models = api.get(PATH + "/" + id + "/models", token);
        assertThat(models.status()).isEqualTo(200);
        assertThat(OPENAI.lastRequest().header("authorization")).hasValue("Bearer " + newKey);
    }

    @Test
    void anotherUserGets404ForEveryVerbAndChangesNothing() {
        String owner = api.newUser();
        String id = create(owner, "mine");
        byte[] before = ciphertext(id);
        String stranger = api.newUser();

        List<Response> attempts = List.of(
                api.patch(PATH + "/" + id, stranger, Map.of("label", "stolen")),
                api.delete(PATH + "/" + id, stranger),
                api.put(PATH + "/" + id + "/default", stranger, null),
                api.get(PATH + "/" + id + "/models", stranger));
        for (Response r : attempts) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.text("code")).isEqualTo("not_found");
        }
        assertThat(api.get(PATH, stranger).json()).isEmpty();
        JsonNode mine = api.get(PATH, owner).json().get(0);
        assertThat(mine.path("label").asText()).isEqualTo("mine");
        assertThat(mine.path("is_active").asBoolean()).isTrue();
        assertThat(ciphertext(id)).isEqualTo(before);
        assertThat(api.get("/api/v1/users/me/audit", stranger).json().findValuesAsString("outcome")).contains("DENIED");
    }

    @Test
    void aCiphertextCopiedIntoAnotherUsersRowDoesNotDecrypt() {
        String alice = api.newUser();
        String aliceKey = "sk-alice-" + rand();
        OPENAI.expectKey(aliceKey);
        String aliceId = api.post(PATH, alice, Map.of("provider", "openai", "api_key", aliceKey)).text("id");

        String mallory = api.newUser();
        String malloryKey = "sk-mallory-" + rand();
        OPENAI.expectKey(malloryKey);
        String malloryId = api.post(PATH, mallory, Map.of("provider", "openai", "api_key", malloryKey)).text("id");

        jdbc.update("UPDATE user_llm_credentials SET encrypted_api_key = ? WHERE id = ?", ciphertext(aliceId),
                UUID.fromString(malloryId));
        int callsBefore = OPENAI.requests().size();

        Response r = api.get(PATH + "/" + malloryId + "/models", mallory);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text("code")).isEqualTo("credential_unreadable");
        assertThat(OPENAI.requests()).hasSize(callsBefore); // alice's key never went anywhere
    }

    @Test
    void everyOperationIsAuditedWithoutTheKey() {
        String token = api.newUser();
        String key = "sk-audited-" + rand();
        OPENAI.expectKey(key);
        api.post(PATH + "/validate", token, Map.of("provider", "openai", "api_key", key));
        String id = api.post(PATH, token, Map.of("provider", "openai", "api_key", key)).text("id");
        api.get(PATH, token);
        api.patch(PATH + "/" + id, token, Map.of("label", "x"));
        api.put(PATH + "/" + id + "/default", token, null);
        api.delete(PATH + "/" + id, token);
        api.post(PATH, token, Map.of("provider", "openai", "api_key", "sk-refused-" + rand()));

        Response audit = api.get("/api/v1/users/me/audit", token);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().findValuesAsString("operation")).contains("credential.validate", "credential.create",
                "credential.list", "credential.update", "credential.set_default", "credential.delete");
        JsonNode refusedCreate = audit.json().get(0);
        assertThat(refusedCreate.path("operation").asText()).isEqualTo("credential.create");
        assertThat(refusedCreate.path("outcome").asText()).isEqualTo("FAILURE");
        assertThat(refusedCreate.path("detail").asText()).isEqualTo("invalid_key");
        assertThat(refusedCreate.path("provider").asText()).isEqualTo("openai");
        assertThat(refusedCreate.path("client_address").asText()).isEqualTo("127.0.0.1");
        assertThat(audit.body()).doesNotContain(key).doesNotContain(key.substring(0, 4) + "...");
    }

    private String create(String token, String label) {
        String key = "sk-" + rand();
        OPENAI.expectKey(key);
        Response r = api.post(PATH, token, Map.of("provider", "openai", "api_key", key, "label", label));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    private List<String> defaults(String token) {
        return api.get(PATH, token).json().valueStream().filter(c -> c.path("is_default").asBoolean())
                .map(c -> c.path("id").asText()).toList();
    }

    private int rowsOf(String token) {
        UUID user = UUID.fromString(api.get("/api/v1/users/me", token).text("id"));
        return jdbc.queryForObject("SELECT COUNT(*) FROM user_llm_credentials WHERE user_id = ?", Integer.class, user);
    }

    private byte[] ciphertext(String id) {
        return jdbc.queryForObject("SELECT encrypted_api_key FROM user_llm_credentials WHERE id = ?", byte[].class,
                UUID.fromString(id));
    }

    private static Map<String, Object> body(Case c) {
        Map<String, Object> body = new HashMap<>(Map.of("provider", c.provider(), "api_key", c.key()));
        if (c.baseUrl() != null) {
            body.put("base_url", c.baseUrl());
        }
        if (c.model() != null) {
            body.put("model_name", c.model());
        }
        return body;
    }

    static String rand() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
