package com.byomlab.vault;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeOpenAi;
import com.byomlab.testsupport.fakes.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user picks a preset (Groq, OpenRouter, ...) and pastes a key: where it lives, what its keys look like, how its
 * models are listed come with the preset. Groq and OpenRouter are pointed at local fakes through the operator
 * override ({@code byom.providers.<id>.base-url}), which is how an operator would move them too.
 */
class PresetProvidersTest extends ApiIntegrationTest {

    static final String CREDENTIALS = "/api/v1/users/me/llm-credentials";

    record Preset(String provider, FakeOpenAi fake, String key, String model, String apiRoot) {
        @Override
        public String toString() {
            return provider;
        }
    }

    static Stream<Preset> presets() {
        return Stream.of(
                new Preset("groq", GROQ, "gsk_" + rand(), "gpt-4o-mini", "/openai/v1"),
                new Preset("openrouter", OPENROUTER, "sk-or-v1-" + rand(), "meta-llama/llama-3.3-70b-instruct",
                        "/api/v1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void aKeyIsAllItTakes_validateCreateALabSessionAndAGatewayCall(Preset p) {
        String login = api.newUser();
        p.fake().expectKey(p.key());

        Response checked = api.post(CREDENTIALS + "/validate", login, Map.of("provider", p.provider(),
                "api_key", p.key(), "model_name", p.model()));
        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        assertThat(checked.json().path("valid").asBoolean()).as(checked.body()).isTrue();
        assertThat(checked.json().path("models").findValuesAsString("id")).contains(p.model());

        Response created = api.post(CREDENTIALS, login, Map.of("provider", p.provider(), "api_key", p.key(),
                "model_name", p.model()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("provider")).isEqualTo(p.provider());
        assertThat(created.json().has("base_url")).isFalse(); // the preset's, not the user's
        String credential = created.text("id");

        p.fake().chat().enqueue(ChatReply.toolCall("list_coins", "{}"),
                ChatReply.text("BTC and ETH are listed. Not financial advice."));
        String session = api.post("/api/v1/lab/agent/sessions", login, Map.of("user_goal", "Which coins?",
                "llm_credential_id", credential)).text("id");
        JsonNode done = api.awaitSessionEnd(login, session, Duration.ofSeconds(30));
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("llm_provider").asText()).isEqualTo(p.provider());
        assertThat(done.path("llm_model").asText()).isEqualTo(p.model());
        assertThat(done.path("final_report").asText()).startsWith("BTC and ETH are listed.");

        String token = api.post("/api/v1/users/me/tokens", login, Map.of("name", "preset",
                "credential_id", credential)).text("token");
        p.fake().chat().enqueue(ChatReply.text("Hello from " + p.provider()));
        Response answer = api.post("/v1/chat/completions", token, Map.of("model", p.model(), "messages",
                List.of(Map.of("role", "user", "content", "hi"))));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("Hello from " + p.provider());

        // every call went to the preset's API root with the user's key as a Bearer token, never in the URL
        List<RecordedRequest> chats = p.fake().requests().stream()
                .filter(r -> r.path().endsWith("/chat/completions")).toList();
        assertThat(chats).hasSize(3).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo(p.apiRoot() + "/chat/completions");
            assertThat(r.header("authorization")).hasValue("Bearer " + p.key());
            assertThat(r.requestLine()).doesNotContain(p.key());
        });
        assertThat(p.fake().chat().requests()).allSatisfy(seen -> assertThat(seen.model()).isEqualTo(p.model()));
        assertThat(jdbc.queryForList("SELECT purpose FROM llm_usage WHERE credential_id = ? ORDER BY id",
                String.class, UUID.fromString(credential))).containsExactly("agent", "agent", "gateway");
    }

    @Test
    void aPresetIsReachedOnlyWhereItsPresetSays() {
        String login = api.newUser();
        String key = "gsk_" + rand();
        GROQ.expectKey(key);
        Response refused = api.post(CREDENTIALS, login, Map.of("provider", "groq", "api_key", key,
                "base_url", COMPATIBLE.baseUrl()));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("base_url_not_allowed");
        assertThat(GROQ.requests()).isEmpty();
        assertThat(COMPATIBLE.requests()).isEmpty();
    }

    @Test
    void aModelThePresetDoesNotListIsRefusedBeforeStoring() {
        String login = api.newUser();
        String key = "sk-or-v1-" + rand();
        OPENROUTER.expectKey(key);
        Response refused = api.post(CREDENTIALS, login, Map.of("provider", "openrouter", "api_key", key,
                "model_name", "vendor/no-such-model"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("unknown_model");
        assertThat(api.get(CREDENTIALS, login).json()).isEmpty();
    }

    /** Keys that cannot belong to the preset are refused before any call, with what a right one looks like. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "groq,         sk-proj-abcdefghijklmnopqrstuvwxyz, gsk_",
            "openrouter,   sk-abcdefghijklmnopqrstuvwxyz0123,  sk-or-",
            "deepseek,     abcdefghijklmnopqrstuvwxyz012345,   sk-",
            "xai,          sk-abcdefghijklmnopqrstuvwxyz0123,  xai-",
            "mistral,      sk-abcdefghijklmnopqrstuvwxyz0123,  letters and digits",
            "mistral,      abc123,                             letters and digits",
            "together_ai,  tooshort,                           letters, digits",
            "fireworks_ai, fw_short,                           letters, digits"})
    void keyFormatPerPreset(String provider, String key, String said) {
        String login = api.newUser();
        Response refused = api.post(CREDENTIALS + "/validate", login, Map.of("provider", provider, "api_key", key));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("invalid_key_format");
        assertThat(refused.text("detail")).contains(said);
        assertThat(refused.text("hint")).isNotBlank();
        assertThat(refused.text("docs_url")).startsWith("https://");
        assertThat(refused.body()).doesNotContain(key);
        assertThat(GROQ.requests()).isEmpty();
        assertThat(OPENROUTER.requests()).isEmpty();
    }

    private static String rand() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
