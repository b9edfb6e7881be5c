package com.byomlab.agent;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which model runs: the user's default, their chosen credential, or the operator's system default — and never another user's key. */
class ModelChoiceTest extends ApiIntegrationTest {

    @Test
    void withoutAChoiceTheUsersDefaultCredentialRuns() {
        String token = api.newUser();
        String key = "sk-ant-default-" + LabFixtures.rand();
        String credential = LabFixtures.credential(api, ANTHROPIC, token, "anthropic", key, "claude-sonnet-4-20250514");
        ANTHROPIC.chat().enqueue(ChatReply.text("ok"));

        Response created = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "Anything about ETH?"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("llm_credential_id")).isEqualTo(credential);
        assertThat(created.text("llm_provider")).isEqualTo("anthropic");
        assertThat(LabFixtures.awaitFinal(api, token, created.text("id")).path("status").asText()).isEqualTo("completed");
        assertThat(ANTHROPIC.chat().lastRequest().authKey()).isEqualTo(key);
        assertThat(ANTHROPIC.chat().lastRequest().model()).isEqualTo("claude-sonnet-4-20250514");
    }

    @Test
    void systemDefaultRunsTheOperatorsKeyEvenWhenTheUserHasADefault() {
        String token = api.newUser();
        String userKey = "sk-ant-mine-" + LabFixtures.rand();
        LabFixtures.credential(api, ANTHROPIC, token, "anthropic", userKey, "claude-sonnet-4-20250514");
        OPENAI.expectKey(SYSTEM_KEY);
        OPENAI.chat().enqueue(ChatReply.text("from the system model"));
        int anthropicCalls = ANTHROPIC.chat().requests().size();

        Response created = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "BTC?", "use_system_default", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("llm_credential_id").isMissingNode() || created.json().path("llm_credential_id").isNull()).isTrue();
        assertThat(created.json().path("using_custom_model").asBoolean()).isFalse();
        assertThat(created.text("llm_provider")).isEqualTo("openai");
        assertThat(created.text("llm_model")).isEqualTo(SYSTEM_MODEL);

        JsonNode done = LabFixtures.awaitFinal(api, token, created.text("id"));
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(OPENAI.chat().lastRequest().authKey()).isEqualTo(SYSTEM_KEY);
        assertThat(OPENAI.chat().lastRequest().model()).isEqualTo(SYSTEM_MODEL);
        assertThat(ANTHROPIC.chat().requests()).hasSize(anthropicCalls); // the user's key was not used
    }

    @Test
    void withoutAnyCredentialTheSystemDefaultRuns() {
        String token = api.newUser();
        OPENAI.expectKey(SYSTEM_KEY);
        OPENAI.chat().enqueue(ChatReply.text("ok"));
        Response created = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "SOL?"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("using_custom_model").asBoolean()).isFalse();
        assertThat(LabFixtures.awaitFinal(api, token, created.text("id")).path("status").asText()).isEqualTo("completed");
        assertThat(OPENAI.chat().lastRequest().authKey()).isEqualTo(SYSTEM_KEY);
    }

    @Test
    void aUserCanNeverRunASessionOnAnotherUsersKey() {
        String alice = api.newUser();
        String aliceCredential = LabFixtures.credential(api, GEMINI, alice, "google", "AIza" + LabFixtures.rand(),
                "gemini-2.0-flash");
        String mallory = api.newUser();
        int geminiCalls = GEMINI.chat().requests().size();

        Response stolen = api.post(LabFixtures.SESSIONS, mallory, Map.of("user_goal", "BTC?",
                "llm_credential_id", aliceCredential));
        assertThat(stolen.status()).isEqualTo(404);
        assertThat(stolen.text("code")).isEqualTo("not_found");
        assertThat(api.get(LabFixtures.SESSIONS, mallory).json()).isEmpty();
        assertThat(GEMINI.chat().requests()).hasSize(geminiCalls);
    }

    @Test
    void badChoicesAreRefusedAndCreateNothing() {
        String token = api.newUser();
        String credential = LabFixtures.credential(api, OPENAI, token, "openai", "sk-bad-" + LabFixtures.rand(), "gpt-4o");
        Map<String, Map<String, Object>> cases = new HashMap<>();
        cases.put("validation_failed", Map.of("user_goal", "  "));
        cases.put("validation_failed ", Map.of("user_goal", "x".repeat(5001)));
        cases.put("not_found", Map.of("user_goal", "BTC?", "llm_credential_id", UUID.randomUUID().toString()));
        cases.put("unknown_model", Map.of("user_goal", "BTC?", "llm_credential_id", credential, "llm_model", "gpt-nope"));
        cases.put("conflicting_model_choice", Map.of("user_goal", "BTC?", "llm_credential_id", credential,
                "use_system_default", true));
        cases.put("model_without_credential", Map.of("user_goal", "BTC?", "llm_model", "gpt-4o"));
        cases.put("malformed_request", Map.of("user_goal", "BTC?", "llm_credential_id", "not-a-uuid"));
        cases.forEach((code, body) -> {
            Response r = api.post(LabFixtures.SESSIONS, token, body);
            assertThat(r.status()).as(code + r.body()).isBetween(400, 422);
            assertThat(r.text("code")).isEqualTo(code.strip());
        });
        assertThat(api.get(LabFixtures.SESSIONS, token).json()).isEmpty();
    }

    @Test
    void aKeyThatNoLongerDecryptsRefusesTheSessionInsteadOfFailingItLater() {
        String token = api.newUser();
        String mine = LabFixtures.credential(api, OPENAI, token, "openai", "sk-one-" + LabFixtures.rand(), "gpt-4o");
        String other = LabFixtures.credential(api, OPENAI, api.newUser(), "openai", "sk-two-" + LabFixtures.rand(), "gpt-4o");
        jdbc.update("UPDATE user_llm_credentials SET encrypted_api_key = (SELECT encrypted_api_key FROM "
                + "user_llm_credentials WHERE id = ?) WHERE id = ?", UUID.fromString(other), UUID.fromString(mine));

        Response r = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "BTC?", "llm_credential_id", mine));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text("code")).isEqualTo("credential_unreadable");
        assertThat(api.get(LabFixtures.SESSIONS, token).json()).isEmpty();
    }

    @Test
    void anotherModelOfTheCredentialsProviderCanBeChosen() {
        String token = api.newUser();
        String key = "sk-pick-" + LabFixtures.rand();
        String credential = LabFixtures.credential(api, OPENAI, token, "openai", key, "gpt-4o");
        OPENAI.chat().enqueue(ChatReply.text("ok"));
        Response created = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "ETH?", "llm_credential_id",
                credential, "llm_model", "o3-mini"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("llm_model")).isEqualTo("o3-mini");
        LabFixtures.awaitFinal(api, token, created.text("id"));
        assertThat(OPENAI.chat().lastRequest().model()).isEqualTo("o3-mini");
    }
}
