package com.byomlab.ui;

import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.byomlab.ui.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

/** The credentials page's fallback order form: the user's own credentials only, behind CSRF like every form. */
class FallbackPagesTest extends ApiIntegrationTest {

    @Test
    void theOrderIsSetOnTheCredentialsPageWithTheOwnCredentialsOnly() {
        PageClient pages = new PageClient(port);
        String email = pages.signUp();
        String login = api.login(email, BrowserTest.PASSWORD);
        String first = credential(login, "sk-page-1-" + UUID.randomUUID());
        String second = credential(login, "sk-page-2-" + UUID.randomUUID());
        String stranger = api.newUser();
        String theirs = credential(stranger, "sk-page-theirs-" + UUID.randomUUID());

        String page = pages.get("/settings/llm").body();
        assertThat(page).contains("id=\"fallback-form\"").contains("name=\"position-" + first + "\"")
                .doesNotContain("useSystemDefault"); // the operator does not allow it here
        HttpResponse<String> saved = pages.post("/settings/llm/fallback", form("_csrf", PageClient.csrf(page),
                "position-" + first, "2", "position-" + second, "1"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(order(login)).containsExactly(second, first);
        assertThat(pages.get("/settings/llm").body()).contains("Saved your fallback order");

        // a crafted form naming another user's credential is refused and changes nothing
        String again = pages.get("/settings/llm").body();
        HttpResponse<String> foreign = pages.post("/settings/llm/fallback", form("_csrf", PageClient.csrf(again),
                "position-" + theirs, "1"));
        assertThat(foreign.statusCode()).isEqualTo(302);
        assertThat(pages.get("/settings/llm").body()).contains("not one of your active credentials");
        assertThat(order(login)).containsExactly(second, first);

        // without the CSRF token nothing is read
        assertThat(pages.post("/settings/llm/fallback", form("position-" + first, "1")).statusCode()).isEqualTo(403);
        assertThat(order(login)).containsExactly(second, first);

        // all positions empty: no order
        String last = pages.get("/settings/llm").body();
        pages.post("/settings/llm/fallback", form("_csrf", PageClient.csrf(last), "position-" + first, ""));
        assertThat(order(login)).isEmpty();
    }

    private String credential(String login, String key) {
        OPENAI.expectKey(key);
        return api.post("/api/v1/users/me/llm-credentials", login, Map.of("provider", "openai", "api_key", key,
                "model_name", "gpt-4o-mini")).text("id");
    }

    private List<String> order(String login) {
        List<String> ids = new ArrayList<>();
        api.get("/api/v1/users/me/llm-fallback", login).json().path("credential_ids").forEach(n -> ids.add(n.asText()));
        return ids;
    }
}
