package com.byomlab.agent;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.Scenario;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** Provider failures, cancellation, a key deleted mid-run, limits: each ends in a clear status, steps kept, nothing hangs. */
class SessionLifecycleTest extends ApiIntegrationTest {

    String token;
    String credential;

    String startSession(ChatReply... replies) {
        token = api.newUser();
        credential = LabFixtures.credential(api, OPENAI, token, "openai", "sk-life-" + LabFixtures.rand(), "gpt-4o");
        OPENAI.chat().enqueue(replies);
        Response created = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "Compare BTC and ETH",
                "llm_credential_id", credential));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }

    /** Chat requests as the fake's server saw them, refused ones included. */
    long chatCalls() {
        return OPENAI.requests().stream().filter(r -> r.path().endsWith("/chat/completions")).count();
    }

    List<String> kinds(String id) {
        return api.get(LabFixtures.SESSIONS + "/" + id + "/messages", token).json().findValuesAsString("kind");
    }

    @Test
    void aRejectedKeyFailsTheSessionWithActionableWordsAndKeepsItsSteps() {
        CountDownLatch release = new CountDownLatch(1);
        String id = startSession(ChatReply.toolCall("list_coins", "{}").heldUntil(release), ChatReply.text("unreached"));
        LabFixtures.awaitTrue(() -> OPENAI.chat().requests().size() == 1, "the first model call");
        OPENAI.expectKey("sk-revoked-at-the-provider"); // the provider now refuses the user's key
        release.countDown();
        JsonNode done = LabFixtures.awaitFinal(api, token, id);
        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("error_code").asText()).isEqualTo("invalid_key");
        assertThat(done.path("status_reason").asText()).containsIgnoringCase("key");
        assertThat(kinds(id)).containsExactly("model_turn", "tool_call", "tool_result", "error");
        assertThat(chatCalls()).isEqualTo(2); // a 401 is not retried
    }

    @Test
    void rateLimitWithRetryAfterIsRetriedAndTheSessionCompletes() {
        String id = startSession(ChatReply.failure(Scenario.rateLimited(1)), ChatReply.text("fine after waiting"));
        JsonNode done = LabFixtures.awaitFinal(api, token, id);
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("llm_calls").asInt()).isEqualTo(2);
        assertThat(OPENAI.chat().requests()).hasSize(2);
    }

    @Test
    void persistentServerErrorsFailAfterFourAttempts() {
        String id = startSession(ChatReply.failure(Scenario.serverError(500)), ChatReply.failure(Scenario.serverError(502)),
                ChatReply.failure(Scenario.serverError(503)), ChatReply.failure(Scenario.serverError(500)));
        JsonNode done = LabFixtures.awaitFinal(api, token, id);
        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("error_code").asText()).isEqualTo("provider_unavailable");
        assertThat(OPENAI.chat().requests()).hasSize(4);
    }

    @Test
    void malformedJsonAndTimeoutsEndTheSessionClearly() {
        String id = startSession(ChatReply.failure(Scenario.malformedJson()));
        assertThat(LabFixtures.awaitFinal(api, token, id).path("error_code").asText()).isEqualTo("provider_unavailable");

        String slow = startSession(ChatReply.failure(Scenario.hang()));
        JsonNode done = LabFixtures.awaitFinal(api, token, slow);
        assertThat(done.path("status").asText()).isEqualTo("failed");
        assertThat(done.path("error_code").asText()).isEqualTo("timeout");
    }

    @Test
    void aStreamCutInTheMiddleIsRetried() {
        String id = startSession(ChatReply.streamCutAfter(ChatReply.text("BTC went up and then"), 2),
                ChatReply.text("BTC went up and then down."));
        JsonNode done = LabFixtures.awaitFinal(api, token, id);
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("final_report").asText()).isEqualTo("BTC went up and then down.");
    }

    @Test
    void deletingTheKeyMidSessionStopsItAtTheNextCall() {
        CountDownLatch release = new CountDownLatch(1);
        String id = startSession(ChatReply.toolCall("list_coins", "{}").heldUntil(release), ChatReply.text("never sent"));
        LabFixtures.awaitTrue(() -> OPENAI.chat().requests().size() == 1, "the first model call");

        assertThat(api.delete(LabFixtures.CREDENTIALS + "/" + credential, token).status()).isEqualTo(204);
        release.countDown();

        JsonNode done = LabFixtures.awaitFinal(api, token, id);
        assertThat(done.path("status").asText()).isEqualTo("credential_deleted");
        assertThat(done.path("status_reason").asText()).contains("deleted");
        assertThat(kinds(id)).containsExactly("model_turn", "tool_call", "tool_result", "error");
        assertThat(OPENAI.chat().requests()).hasSize(1);
    }

    @Test
    void cancelStopsARunningSessionAndKeepsItsSteps() {
        CountDownLatch release = new CountDownLatch(1);
        String id = startSession(ChatReply.toolCall("list_coins", "{}"),
                ChatReply.text("too late").heldUntil(release));
        LabFixtures.awaitTrue(() -> OPENAI.chat().requests().size() == 2, "the second model call");

        Response cancelled = api.post(LabFixtures.SESSIONS + "/" + id + "/cancel", token, null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("cancelled");
        release.countDown();

        JsonNode done = LabFixtures.awaitFinal(api, token, id);
        assertThat(done.path("status").asText()).isEqualTo("cancelled");
        assertThat(kinds(id)).startsWith("model_turn", "tool_call", "tool_result").doesNotContain("error");

        Response again = api.post(LabFixtures.SESSIONS + "/" + id + "/cancel", token, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("session_finished");
    }

    @Test
    void theIterationLimitStopsAModelThatNeverAnswers() {
        ChatReply[] forever = new ChatReply[MAX_ITERATIONS + 2];
        for (int i = 0; i < forever.length; i++) {
            forever[i] = ChatReply.toolCall("list_coins", "{}");
        }
        String id = startSession(forever);
        JsonNode done = LabFixtures.awaitFinal(api, token, id);
        assertThat(done.path("status").asText()).isEqualTo("limit_reached");
        assertThat(done.path("llm_calls").asInt()).isEqualTo(MAX_ITERATIONS);
    }

    @Test
    void eventsReplayEveryStepInOrderAndEndWithTheFinalStatus() throws Exception {
        String id = startSession(ChatReply.toolCall("list_coins", "{}"), ChatReply.text("All coins listed."));
        LabFixtures.awaitFinal(api, token, id);

        HttpResponse<String> sse = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + LabFixtures.SESSIONS + "/" + id + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sse.statusCode()).isEqualTo(200);
        List<String> events = sse.body().lines().filter(l -> l.startsWith("event:")).map(l -> l.substring(6).strip()).toList();
        assertThat(events).containsExactly("step", "step", "step", "step", "status");
        assertThat(sse.body()).contains("\"status\":\"completed\"").contains("All coins listed.");
        List<String> ids = sse.body().lines().filter(l -> l.startsWith("id:")).map(l -> l.substring(3).strip()).toList();
        assertThat(ids).containsExactly("1", "2", "3", "4");
    }
}
