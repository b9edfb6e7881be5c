package com.byomlab.agent;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** byom.enabled=false: every session runs on the system default; asking for a credential is a clear 409. */
@TestPropertySource(properties = "byom.enabled=false")
class ByomSwitchedOffTest extends ApiIntegrationTest {

    @Test
    void credentialsAreNotUsedAndAskingForOneIsRefused() {
        String token = api.newUser();
        String credential = LabFixtures.credential(api, ANTHROPIC, token, "anthropic", "sk-ant-off-" + LabFixtures.rand(),
                "claude-sonnet-4-20250514");

        Response refused = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "BTC?", "llm_credential_id", credential));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("byom_disabled");
        assertThat(api.get(LabFixtures.SESSIONS, token).json()).isEmpty();

        OPENAI.expectKey(SYSTEM_KEY);
        OPENAI.chat().enqueue(ChatReply.text("system model"));
        Response created = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "BTC?"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("using_custom_model").asBoolean()).isFalse();
        assertThat(created.text("llm_provider")).isEqualTo("openai");
        assertThat(LabFixtures.awaitFinal(api, token, created.text("id")).path("status").asText()).isEqualTo("completed");
        assertThat(ANTHROPIC.chat().requests()).isEmpty();
    }
}
