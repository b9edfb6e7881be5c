package com.byomlab.ui;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;

import static com.byomlab.ui.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

/** The Lab pages over plain HTTP: start, cancel, a foreign session, and the page's event stream. */
class LabPagesTest extends ApiIntegrationTest {

    PageClient pages;

    @BeforeEach
    void signedIn() {
        pages = new PageClient(port);
        pages.signUp();
        OPENAI.expectKey(SYSTEM_KEY); // no key of the user's: the system default runs
    }

    String start(String goal) {
        String lab = pages.get("/lab").body();
        HttpResponse<String> started = pages.post("/lab/sessions", form("_csrf", PageClient.csrf(lab),
                "formToken", PageClient.formToken(lab), "goal", goal, "model", "system"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        return started.headers().firstValue("Location").orElseThrow().replaceAll(".*/lab/sessions/", "");
    }

    @Test
    void aRunningSessionCanBeCancelledAndKeepsItsPage() {
        CountDownLatch release = new CountDownLatch(1);
        OPENAI.chat().enqueue(ChatReply.text("too late").heldUntil(release));
        String id = start("Is BTC trending?");
        String page = pages.get("/lab/sessions/" + id).body();
        assertThat(page).contains("Is BTC trending?", "Cancel session", "data-final=\"false\"");

        HttpResponse<String> cancelled = pages.post("/lab/sessions/" + id + "/cancel", form("_csrf", PageClient.csrf(page)));
        assertThat(cancelled.headers().firstValue("Location").orElseThrow()).endsWith("/lab/sessions/" + id);
        release.countDown();
        String after = pages.get("/lab/sessions/" + id).body();
        assertThat(after).contains("Session cancelled; its steps so far are kept.", "status-cancelled")
                .doesNotContain("Cancel session");
    }

    @Test
    void theEventStreamServesTheOwnerOnly() {
        OPENAI.chat().enqueue(ChatReply.text("BTC is flat."));
        String id = start("Is BTC flat?");
        String events = "";
        for (int i = 0; i < 100 && !events.contains("\"status\":\"completed\""); i++) {
            events = pages.get("/lab/sessions/" + id + "/events", "Accept", "text/event-stream").body();
        }
        assertThat(events).contains("event:step", "event:status", "\"status\":\"completed\"", "BTC is flat.");

        PageClient stranger = new PageClient(port);
        stranger.signUp();
        assertThat(stranger.get("/lab/sessions/" + id).statusCode()).isEqualTo(404);
        assertThat(stranger.get("/lab/sessions/" + id + "/events", "Accept", "text/event-stream").statusCode())
                .isNotEqualTo(200);
        assertThat(new PageClient(port).get("/lab/sessions/" + id + "/events", "Accept", "text/event-stream")
                .statusCode()).isEqualTo(401);
    }
}
