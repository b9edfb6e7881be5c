package com.byomlab.calls;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.Scenario;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system default as the last fallback needs both opt-ins: the operator's ({@code byom.fallback
 * .system-default-allowed}, on here) and the user's ({@code use_system_default}).
 */
@TestPropertySource(properties = "byom.fallback.system-default-allowed=true")
class FallbackSystemDefaultTest extends ApiIntegrationTest {

    static final String FALLBACK = "/api/v1/users/me/llm-fallback";
    static final String SESSIONS = "/api/v1/lab/agent/sessions";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void withBothOptInsAFailingKeyFallsBackToTheSystemDefault() {
        String login = api.newUser();
        String mine = anthropicCredential(login);
        Response put = api.put(FALLBACK, login, Map.of("credential_ids", List.of(), "use_system_default", true));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("system_default_allowed").asBoolean()).isTrue();
        OPENAI.expectKey(SYSTEM_KEY);
        ANTHROPIC.chat().enqueue(ChatReply.failure(Scenario.unauthorized()));
        OPENAI.chat().enqueue(ChatReply.text("Answered on the operator's model."));

        String id = api.post(SESSIONS, login, Map.of("user_goal", "BTC?", "llm_credential_id", mine)).text("id");
        JsonNode done = api.awaitSessionEnd(login, id, Duration.ofSeconds(20));

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("using_custom_model").asBoolean()).isFalse();
        assertThat(done.path("llm_model").asText()).isEqualTo(SYSTEM_MODEL);
        JsonNode systemDefault = done.path("models_used").get(1);
        assertThat(systemDefault.path("provider").asText()).isEqualTo("openai");
        assertThat(systemDefault.path("credential_id").isMissingNode() || systemDefault.path("credential_id").isNull())
                .as("no credential: the system default").isTrue();
        assertThat(OPENAI.chat().lastRequest().authKey()).isEqualTo(SYSTEM_KEY);
        JsonNode step = api.get(SESSIONS + "/" + id + "/messages", login).json().get(0);
        assertThat(JSON.readTree(step.path("content").asText()).path("message").asText()).isEqualTo(
                "Switched from Anthropic · claude-sonnet-4-20250514 to the system default (OpenAI · " + SYSTEM_MODEL
                        + ") because the key was refused (invalid or revoked).");
        assertThat(jdbc.queryForList("SELECT credential_id FROM llm_usage WHERE session_id = ? ORDER BY id",
                Object.class, UUID.fromString(id))).containsExactly(UUID.fromString(mine), null);
    }

    @Test
    void withoutTheUsersOptInTheSystemDefaultIsNotUsed() {
        String login = api.newUser();
        String mine = anthropicCredential(login);
        ANTHROPIC.chat().enqueue(ChatReply.failure(Scenario.unauthorized()));

        String id = api.post(SESSIONS, login, Map.of("user_goal", "BTC?", "llm_credential_id", mine)).text("id");
        JsonNode done = api.awaitSessionEnd(login, id, Duration.ofSeconds(20));

        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("error_code").asText()).isEqualTo("invalid_key");
        assertThat(OPENAI.chat().requests()).isEmpty();
    }

    private String anthropicCredential(String login) {
        String key = "sk-ant-sd-" + UUID.randomUUID();
        ANTHROPIC.expectKey(key);
        Response r = api.post("/api/v1/users/me/llm-credentials", login, Map.of("provider", "anthropic", "api_key",
                key, "model_name", "claude-sonnet-4-20250514"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }
}
