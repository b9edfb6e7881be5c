package com.byomlab.ui;

import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.UUID;

import static com.byomlab.ui.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * User text on the pages (issue 19, item 9): bidi controls are shown as visible marks, never obeyed; NUL is refused
 * in the form-fed fields as it is in the API's JSON.
 */
class UserTextPagesTest extends ApiIntegrationTest {

    private static final String RLO = "\u202E";
    private static final String LRI = "\u2066";
    private static final String PDI = "\u2069";

    PageClient pages;
    String email;

    @BeforeEach
    void signedIn() {
        pages = new PageClient(port);
        email = pages.signUp();
    }

    @Test
    void bidiControlsInUserTextAreShownAsMarksNotObeyed() {
        String key = "sk-bidi-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        String settings = pages.get("/settings/llm").body();
        HttpResponse<String> saved = pages.post("/settings/llm", form("_csrf", PageClient.csrf(settings),
                "formToken", PageClient.formToken(settings), "provider", "openai", "apiKey", key,
                "modelName", SYSTEM_MODEL, "label", "invoice" + RLO + "fdp.exe"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        String list = pages.get("/settings/llm").body();
        assertThat(list).contains("invoice[U+202E]fdp.exe").doesNotContain(RLO);
        String id = list.replaceAll("(?s).*data-credential-id=\"([^\"]+)\".*", "$1");
        assertThat(pages.get("/settings/llm/" + id + "/edit").body()).contains("invoice[U+202E]fdp.exe")
                .doesNotContain(RLO);

        String lab = pages.get("/lab").body();
        HttpResponse<String> started = pages.post("/lab/sessions", form("_csrf", PageClient.csrf(lab),
                "formToken", PageClient.formToken(lab), "goal", "Compare " + LRI + "BTC" + PDI + " and " + RLO + "ETH",
                "model", "system"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        String session = pages.get(started.headers().firstValue("Location").orElseThrow()
                .replaceAll("^https?://[^/]+", "")).body();
        assertThat(session).contains("Compare [U+2066]BTC[U+2069] and [U+202E]ETH").doesNotContain(RLO, LRI, PDI);
        assertThat(pages.get("/lab").body()).contains("[U+202E]ETH").doesNotContain(RLO);
    }

    @Test
    void nulIsRefusedInTheCredentialLabelAndTheGoal() {
        String key = "sk-nul-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        String settings = pages.get("/settings/llm").body();
        HttpResponse<String> refused = pages.post("/settings/llm", form("_csrf", PageClient.csrf(settings),
                "formToken", PageClient.formToken(settings), "provider", "openai", "apiKey", key,
                "modelName", SYSTEM_MODEL, "label", "a\u0000b"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).containsPattern("class=\"field-error\"[^>]*>[^<]*NUL character");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_llm_credentials c JOIN users u ON u.id = c.user_id "
                + "WHERE u.email = ?", Integer.class, email)).isZero();

        String lab = pages.get("/lab").body();
        HttpResponse<String> noSession = pages.post("/lab/sessions", form("_csrf", PageClient.csrf(lab),
                "formToken", PageClient.formToken(lab), "goal", "Compare\u0000BTC", "model", "system"));
        assertThat(noSession.statusCode()).isEqualTo(200);
        assertThat(noSession.body()).containsPattern("id=\"goal-error\"[^>]*>[^<]*NUL character");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM agent_sessions s JOIN users u ON u.id = s.user_id "
                + "WHERE u.email = ?", Integer.class, email)).isZero();
    }
}
