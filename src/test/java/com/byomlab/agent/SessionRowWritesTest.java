package com.byomlab.agent;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session's own row writes, fewer per session since issue 27: the insert owns it (no claim) and, when a slot is
 * free, stores it as running (no start to write; FairSessionsTest has those that wait as pending), the last turn's
 * totals go with the session's end, and a session swept as lost gets the totals
 * of the steps it kept.
 */
class SessionRowWritesTest extends ApiIntegrationTest {

    @Autowired
    SessionRepository sessions;
    @Autowired
    SessionRunner runner;

    @Test
    void aNewSessionIsOwnedByThisInstanceWithAHeartbeatAndRunningFromItsInsertWhenASlotIsFree() {
        String token = api.newUser();
        String credential = LabFixtures.credential(api, OPENAI, token, "openai", "sk-rows-" + LabFixtures.rand(), "gpt-4o");
        CountDownLatch release = new CountDownLatch(1);
        OPENAI.chat().enqueue(ChatReply.text("done").heldUntil(release));
        try {
            Response created = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "BTC?",
                    "llm_credential_id", credential));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            UUID id = UUID.fromString(created.text("id"));
            assertThat(created.text("status")).isEqualTo("running"); // a slot was free: no pending → running to write
            assertThat(created.text("started_at")).isNotNull();
            Map<String, Object> row = jdbc.queryForMap(
                    "SELECT owner_instance, heartbeat_at, status FROM agent_sessions WHERE id = ?", id);
            assertThat(row.get("owner_instance")).isEqualTo(runner.instance());
            assertThat(row.get("heartbeat_at")).isNotNull();
            assertThat(row.get("status")).isEqualTo("running");
            LabFixtures.awaitTrue(() -> OPENAI.chat().requests().size() == 1, "the model call");
            release.countDown();
            assertThat(LabFixtures.awaitFinal(api, token, id.toString()).path("status").asText()).isEqualTo("completed");
        } finally {
            release.countDown();
        }
    }

    @Test
    void theTotalsCountEveryTurnTheLastOneWrittenWithTheEnd() {
        String token = api.newUser();
        String credential = LabFixtures.credential(api, OPENAI, token, "openai", "sk-rows-" + LabFixtures.rand(), "gpt-4o");
        CountDownLatch release = new CountDownLatch(1);
        OPENAI.chat().enqueue(ChatReply.toolCall("list_coins", "{}").usage(100, 10),
                ChatReply.text("the answer").usage(200, 20).heldUntil(release));
        Response created = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "BTC?", "llm_credential_id", credential));
        String id = created.text("id");
        try {
            LabFixtures.awaitTrue(() -> OPENAI.chat().requests().size() == 2, "the second model call");
            // while it runs, the first turn's totals are stored with its step
            JsonNode running = api.get(LabFixtures.SESSIONS + "/" + id, token).json();
            assertThat(running.path("status").asText()).isEqualTo("running");
            assertThat(running.path("llm_calls").asInt()).isEqualTo(1);
            assertThat(running.path("input_tokens").asLong()).isEqualTo(100);
        } finally {
            release.countDown();
        }
        JsonNode done = LabFixtures.awaitFinal(api, token, id);
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("llm_calls").asInt()).isEqualTo(2);
        assertThat(done.path("input_tokens").asLong()).isEqualTo(300);
        assertThat(done.path("output_tokens").asLong()).isEqualTo(30);
    }

    @Test
    void aSessionEndedMeanwhileIsNotEndedAgainByItsTotals() {
        UUID id = storedSession("running");
        assertThat(sessions.finish(id, SessionStatus.CANCELLED, "Cancelled by the user.", "cancelled", null,
                Instant.now())).isTrue();
        SessionRepository.Totals totals = SessionRepository.Totals.NONE.plus(step(1, 100, 5, 1, "0.01", true));
        assertThat(sessions.finish(id, SessionStatus.COMPLETED, null, null, "report", Instant.now(), totals)).isFalse();
        AgentSession s = sessions.find(id).orElseThrow();
        assertThat(s.status()).isEqualTo("cancelled");
        assertThat(s.llmCalls()).isZero(); // the loop writes them on their own then (AgentLoop#finish)
        sessions.writeTotals(id, totals);
        assertThat(sessions.find(id).orElseThrow().llmCalls()).isEqualTo(1);
    }

    @Test
    void aSessionSweptAsLostGetsTheTotalsOfItsSteps() {
        UUID id = storedSession("running");
        sessions.insertStep(id, step(1, 100, 10, 1, "0.01", true));
        sessions.writeTotals(id, SessionRepository.Totals.NONE.plus(step(1, 100, 10, 1, "0.01", true)));
        sessions.insertStep(id, new AgentStep(2, AgentStep.TOOL_CALL, "{}", "list_coins", "c1", null, null, null, null,
                null, null, null, null, null, Instant.now(), null));
        // its instance died after storing this last step, before the end that would have written its totals
        sessions.insertStep(id, step(3, 200, 20, 2, null, false));

        assertThat(sessions.markLost(id, Instant.now().plusSeconds(60), "lost", Instant.now())).isTrue();

        AgentSession s = sessions.find(id).orElseThrow();
        assertThat(s.status()).isEqualTo("instance_lost");
        assertThat(s.llmCalls()).isEqualTo(3);
        assertThat(s.inputTokens()).isEqualTo(300);
        assertThat(s.outputTokens()).isEqualTo(30);
        assertThat(s.cachedInputTokens()).isEqualTo(4);
        assertThat(s.costUsd()).isEqualByComparingTo("0.01");
        assertThat(s.costComplete()).isFalse();
    }

    private UUID storedSession(String status) {
        String token = api.newUser();
        UUID user = jdbc.queryForObject("SELECT id FROM users WHERE email = ?", UUID.class,
                api.get("/api/v1/users/me", token).text("email"));
        UUID id = UUID.randomUUID();
        sessions.insert(new AgentSession(id, user, "goal", status, null, null, null, "openai", "gpt-4o", false, true,
                0, 0, 0, 0, 0, 0, BigDecimal.ZERO, true, null, Instant.now().truncatedTo(ChronoUnit.MICROS), null, null,
                List.of(), BigDecimal.ZERO), "an-instance-gone-" + UUID.randomUUID());
        return id;
    }

    private static AgentStep step(int seq, int in, int out, int attempts, String cost, boolean costKnown) {
        return new AgentStep(seq, AgentStep.MODEL_TURN, "text", null, null, in, out, seq, null, null, 10L, attempts,
                cost == null ? null : new BigDecimal(cost), costKnown, Instant.now(), null);
    }
}
