package com.byomlab.agent;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** A session whose model call outlives the wall-clock limit is stopped, with its steps kept. */
@TestPropertySource(properties = {"byom.agent.wall-clock=1s", "byom.llm.call-timeout=30s"})
class WallClockLimitTest extends ApiIntegrationTest {

    @Test
    void theWallClockStopsASessionMidCall() {
        String token = api.newUser();
        String credential = LabFixtures.credential(api, OPENAI, token, "openai", "sk-clock-" + LabFixtures.rand(), "gpt-4o");
        CountDownLatch never = new CountDownLatch(1);
        OPENAI.chat().enqueue(ChatReply.toolCall("list_coins", "{}"), ChatReply.text("too slow").heldUntil(never));

        Response created = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "BTC?", "llm_credential_id", credential));
        JsonNode done = LabFixtures.awaitFinal(api, token, created.text("id"));
        never.countDown();

        assertThat(done.path("status").asText()).isEqualTo("limit_reached");
        assertThat(done.path("error_code").asText()).isEqualTo("timeout");
        assertThat(done.path("status_reason").asText()).contains("wall-clock");
        assertThat(api.get(LabFixtures.SESSIONS + "/" + created.text("id") + "/messages", token).json()
                .findValuesAsString("kind")).containsExactly("model_turn", "tool_call", "tool_result");
    }
}
