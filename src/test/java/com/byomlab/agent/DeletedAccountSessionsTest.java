package com.byomlab.agent;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.Scenario;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting an account cancels its running sessions and aborts their provider calls at once, whether the deletion
 * came through this instance or another one sharing the database (this instance then learns it at its next
 * supervision beat). The session row goes with the account, so the status is what the session's open event stream
 * is told last; the provider call "hangs" (an answer held open) and the fake reports the connection being closed.
 */
class DeletedAccountSessionsTest extends ApiIntegrationTest {

    @Autowired
    SessionRunner runner;

    record Watched(String token, UUID userId, String sessionId, CompletableFuture<List<String>> events) {
    }

    /** A session whose model call hangs at the provider, and its event stream, subscribed. */
    Watched hangingSession() throws Exception {
        String token = api.newUser();
        UUID userId = UUID.fromString(api.get("/api/v1/users/me", token).text("id"));
        String credential = LabFixtures.credential(api, OPENAI, token, "openai", "sk-gone-" + LabFixtures.rand(),
                "gpt-4o");
        OPENAI.chat().enqueue(ChatReply.failure(Scenario.holdOpen()));
        Response created = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", "Compare BTC and ETH",
                "llm_credential_id", credential));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        LabFixtures.awaitTrue(() -> OPENAI.chat().requests().size() == 1, "the model call");

        // the response's headers come after the server subscribed the stream
        HttpResponse<Stream<String>> sse = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + LabFixtures.SESSIONS + "/" + id + "/events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines()).get(20, TimeUnit.SECONDS);
        assertThat(sse.statusCode()).isEqualTo(200);
        return new Watched(token, userId, id, CompletableFuture.supplyAsync(() -> sse.body().toList()));
    }

    /** The data of the last "status" event; the stream must have ended (the bound only keeps a failure from hanging). */
    static String lastStatus(Watched watched) throws Exception {
        List<String> lines = watched.events().get(30, TimeUnit.SECONDS);
        String last = null;
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).replace(" ", "").equals("event:status")) {
                last = lines.get(i + 1);
            }
        }
        assertThat(last).as(String.join("\n", lines)).isNotNull();
        return last;
    }

    @Test
    void deletingTheAccountCancelsItsRunningSessionAndClosesTheProviderConnection() throws Exception {
        Watched watched = hangingSession();

        assertThat(api.delete("/api/v1/users/me", watched.token()).status()).isEqualTo(204);
        // at once: told to stop before the deletion answered, not at the next supervision beat nor at the call timeout
        assertThat(runner.stopRequested(UUID.fromString(watched.sessionId()))).isTrue();

        assertThat(lastStatus(watched)).contains("\"status\":\"cancelled\"").contains(watched.sessionId());
        LabFixtures.awaitTrue(() -> OPENAI.hangUps() == 1, "the provider call's connection to be closed");
        assertThat(OPENAI.chat().requests()).as("an aborted call is not retried").hasSize(1);
        assertThat(api.get(LabFixtures.SESSIONS + "/" + watched.sessionId(), watched.token()).text("code"))
                .isEqualTo("account_gone");
    }

    @Test
    void anAccountDeletedThroughAnotherInstanceCancelsTheSessionHereAtTheNextBeat() throws Exception {
        Watched watched = hangingSession();

        // what another instance's deletion looks like from here: the rows are gone, no event came to this instance
        assertThat(jdbc.update("DELETE FROM users WHERE id = ?", watched.userId())).isEqualTo(1);
        runner.supervise();
        assertThat(runner.stopRequested(UUID.fromString(watched.sessionId()))).isTrue(); // by this beat, not the call timeout

        assertThat(lastStatus(watched)).contains("\"status\":\"cancelled\"");
        LabFixtures.awaitTrue(() -> OPENAI.hangUps() == 1, "the provider call's connection to be closed");
        LabFixtures.awaitTrue(() -> !runner.runsHere(UUID.fromString(watched.sessionId())), "the session's thread to end");
    }
}
