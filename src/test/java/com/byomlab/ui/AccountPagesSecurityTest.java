package com.byomlab.ui;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.byomlab.ui.PageClient.csrf;
import static com.byomlab.ui.PageClient.form;
import static com.byomlab.ui.PageClient.formToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of the budget, audit, access-token and administrators' pages over plain HTTP: administrators' pages are
 * 403 for everyone else (reads and the revoke post), every form needs its CSRF token, a user never sees or touches
 * another's tokens or audit entries, a token's secret is on its answer page only, a bad budget loses nothing and
 * saves nothing, and the forms' bodies are capped.
 */
class AccountPagesSecurityTest extends ApiIntegrationTest {

    static final Pattern SECRET = Pattern.compile("id=\"token-secret\"[^>]*>(byom_pat_[A-Za-z0-9_-]{43})<");

    @Test
    void administratorsPagesAreRefusedToOtherUsersAndTheRevokeNeedsAnAdministratorAndItsCsrfToken() {
        PageClient victimPages = new PageClient(port);
        String victim = victimPages.signUp();
        String victimLogin = api.login(victim, BrowserTest.PASSWORD);
        String victimId = api.get("/api/v1/users/me", victimLogin).text("id");
        credential(victimLogin);

        PageClient user = new PageClient(port);
        user.signUp();
        String userPage = user.get("/lab").body();
        assertThat(userPage).doesNotContain("/admin/"); // no link to what is refused
        for (String path : List.of("/admin/users", "/admin/keys", "/admin/market", "/admin/users/" + victimId + "/revoke",
                "/admin/users/find?email=" + victim)) {
            HttpResponse<String> refused = user.get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.body()).as(path).doesNotContain(victim);
        }
        HttpResponse<String> post = user.post("/admin/users/" + victimId + "/revoke", form("_csrf", csrf(userPage)));
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(activeCredentials(victimId)).isEqualTo(1);

        PageClient admin = adminPages();
        HttpResponse<String> confirm = admin.get("/admin/users/" + victimId + "/revoke");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains(victim).contains("sk-p").contains("Revoke 1 key(s)");
        HttpResponse<String> noCsrf = admin.post("/admin/users/" + victimId + "/revoke", form());
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(noCsrf.body()).contains("This form was refused");
        assertThat(activeCredentials(victimId)).isEqualTo(1);

        HttpResponse<String> revoked = admin.post("/admin/users/" + victimId + "/revoke", form("_csrf",
                csrf(confirm.body())));
        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(revoked.headers().firstValue("Location").orElseThrow()).endsWith("/admin/users");
        assertThat(activeCredentials(victimId)).isZero();
        assertThat(admin.get("/admin/users").body()).contains("Revoked 1 key of " + victim);
        // audited on the owner and on the administrator
        assertThat(operations(api.get("/api/v1/users/me/audit?operation=credential.revoke_by_admin", victimLogin)))
                .containsExactly("credential.revoke_by_admin");
        assertThat(victimPages.get("/settings/audit?operation=credential.revoke_by_admin").body())
                .contains("credential.revoke_by_admin");
    }

    @Test
    void aUserNeverSeesNorRevokesAnothersTokensOrAuditEntries() {
        PageClient alice = new PageClient(port);
        String aliceEmail = alice.signUp();
        String aliceLogin = api.login(aliceEmail, BrowserTest.PASSWORD);
        String aliceId = api.get("/api/v1/users/me", aliceLogin).text("id");
        String aliceCredential = credential(aliceLogin);
        HttpResponse<String> made = createToken(alice, "alice laptop", aliceCredential);
        assertThat(made.statusCode()).isEqualTo(200);
        String aliceToken = api.get("/api/v1/users/me/tokens", aliceLogin).json().get(0).path("id").asText();

        PageClient bob = new PageClient(port);
        String bobEmail = bob.signUp();
        String bobLogin = api.login(bobEmail, BrowserTest.PASSWORD);
        String bobTokens = bob.get("/settings/tokens").body();
        assertThat(bobTokens).doesNotContain("alice laptop").doesNotContain(aliceToken);
        assertThat(bob.get("/settings/tokens/" + aliceToken + "/revoke").statusCode()).isEqualTo(404);
        HttpResponse<String> revoke = bob.post("/settings/tokens/" + aliceToken + "/revoke", form("_csrf",
                csrf(bobTokens)));
        assertThat(revoke.statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/users/me/tokens", aliceLogin).json().size()).isEqualTo(1);

        // nor can Bob bind a token to Alice's credential: the form says so and nothing is made
        HttpResponse<String> foreign = createToken(bob, "borrowed", aliceCredential);
        assertThat(foreign.statusCode()).isEqualTo(200);
        assertThat(foreign.body()).contains("not one of yours").doesNotContain("byom_pat_");
        assertThat(api.get("/api/v1/users/me/tokens", bobLogin).json().size()).isZero();

        // Alice's log has her token; Bob's, on the page and through the API, has nothing of hers
        assertThat(alice.get("/settings/audit?operation=token.create").body()).contains("token " + aliceToken);
        for (String page : List.of("/settings/audit", "/settings/audit?operation=token.create",
                "/settings/audit?operation=credential.create", "/settings/audit?user_id=" + aliceId)) {
            assertThat(bob.get(page).body()).as(page).doesNotContain(aliceToken).doesNotContain(aliceCredential);
        }
        assertThat(api.get("/api/v1/users/me/audit?operation=token.create", bobLogin).json().size()).isZero();
        assertThat(api.get("/api/v1/users/me/audit", bobLogin).body()).doesNotContain(aliceToken);
    }

    @Test
    void aTokensSecretIsOnItsAnswerPageOnlyAndWorksAtTheGateway() {
        PageClient pages = new PageClient(port);
        String email = pages.signUp();
        String login = api.login(email, BrowserTest.PASSWORD);
        String credential = credential(login);
        HttpResponse<String> made = createToken(pages, "codex", credential);
        Matcher m = SECRET.matcher(made.body());
        assertThat(m.find()).as(made.body()).isTrue();
        String secret = m.group(1);
        assertThat(made.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        // the lines to paste carry it, with this service's address
        assertThat(made.body()).contains("export OPENAI_BASE_URL=&quot;http://localhost:" + port + "/v1&quot;")
                .contains("export ANTHROPIC_BASE_URL=&quot;http://localhost:" + port + "&quot;")
                .contains("export ANTHROPIC_AUTH_TOKEN=&quot;" + secret + "&quot;")
                .contains("export BYOM_TOKEN=&quot;" + secret + "&quot;")
                .contains("codex -c model_provider=byom -c &#39;model_providers.byom={name=&quot;byom&quot;,"
                        + "base_url=&quot;http://localhost:" + port + "/v1&quot;,env_key=&quot;BYOM_TOKEN&quot;,"
                        + "wire_api=&quot;responses&quot;}&#39;");
        assertThat(api.get("/v1/models", secret).status()).isEqualTo(200); // a real token

        HttpResponse<String> list = pages.get("/settings/tokens");
        assertThat(list.body()).doesNotContain(secret).contains("byom_pat_..." + secret.substring(secret.length() - 4))
                .contains("codex");
        assertThat(pages.get("/settings/audit").body()).doesNotContain(secret);
        assertThat(api.get("/api/v1/users/me/tokens", login).body()).doesNotContain(secret);

        // the same form again (a reload of the answer page) makes no second token and shows no secret
        String page = pages.get("/settings/tokens").body();
        Map<String, String> again = form("_csrf", csrf(page), "formToken", formToken(page), "name", "twice",
                "credentialId", "", "expiresInDays", "");
        assertThat(pages.post("/settings/tokens", again).statusCode()).isEqualTo(200);
        HttpResponse<String> resent = pages.post("/settings/tokens", again);
        assertThat(resent.statusCode()).isEqualTo(302);
        assertThat(api.get("/api/v1/users/me/tokens", login).json().size()).isEqualTo(2);

        // a form without its CSRF token makes nothing
        HttpResponse<String> forged = pages.post("/settings/tokens", form("formToken", formToken(pages.get(
                "/settings/tokens").body()), "name", "forged", "credentialId", "", "expiresInDays", ""));
        assertThat(forged.statusCode()).isEqualTo(403);
        String tokenId = api.get("/api/v1/users/me/tokens", login).json().get(0).path("id").asText();
        assertThat(pages.post("/settings/tokens/" + tokenId + "/revoke", form()).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/users/me/tokens", login).json().size()).isEqualTo(2);

        // revoked through the page after its confirm step: the gateway refuses it at once
        String confirm = pages.get("/settings/tokens/" + tokenId + "/revoke").body();
        assertThat(pages.post("/settings/tokens/" + tokenId + "/revoke", form("_csrf", csrf(confirm))).statusCode())
                .isEqualTo(302);
        assertThat(api.get("/api/v1/users/me/tokens", login).json().size()).isEqualTo(1);
    }

    @Test
    void aBadBudgetIsShownBackWithItsErrorsAndSavesNothing() {
        PageClient pages = new PageClient(port);
        String email = pages.signUp();
        String login = api.login(email, BrowserTest.PASSWORD);
        String page = pages.get("/settings/budget").body();
        assertThat(page).contains("value=\"10\""); // the operator's alert amount, as the form starts

        HttpResponse<String> bad = pages.post("/settings/budget", form("_csrf", csrf(page), "sessionAlertUsd", "ten",
                "sessionCapUsd", "0", "monthlyCapUsd", "2000000"));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("Nothing was saved")
                .contains("value=\"ten\"").contains("value=\"0\"").contains("value=\"2000000\"")
                .contains("id=\"sessionAlertUsd-error\"").contains("Enter an amount in US dollars")
                .contains("id=\"sessionCapUsd-error\"").contains("The session cap must be between $0.0001 and $100000")
                .contains("id=\"monthlyCapUsd-error\"").contains("The monthly cap must be between");
        JsonNode unchanged = api.get("/api/v1/users/me/budget", login).json();
        assertThat(unchanged.path("session_alert_usd").decimalValue()).isEqualByComparingTo("10");
        assertThat(absent(unchanged.path("session_cap_usd"))).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_budgets b JOIN users u ON u.id = b.user_id "
                + "WHERE u.email = ?", Integer.class, email)).isZero();

        // without the CSRF token: refused, nothing saved
        assertThat(pages.post("/settings/budget", form("sessionAlertUsd", "5", "sessionCapUsd", "", "monthlyCapUsd",
                "")).statusCode()).isEqualTo(403);

        HttpResponse<String> good = pages.post("/settings/budget", form("_csrf", csrf(page), "sessionAlertUsd",
                "$2.50", "sessionCapUsd", "", "monthlyCapUsd", "40"));
        assertThat(good.statusCode()).isEqualTo(302);
        JsonNode saved = api.get("/api/v1/users/me/budget", login).json();
        assertThat(saved.path("session_alert_usd").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(absent(saved.path("session_cap_usd"))).isTrue();
        assertThat(saved.path("monthly_cap_usd").decimalValue()).isEqualByComparingTo("40");
        assertThat(pages.get("/settings/budget").body()).contains("Saved. Alert above $2.50 per session")
                .contains("value=\"2.5\"").contains("value=\"40\"");
        assertThat(operations(api.get("/api/v1/users/me/audit?operation=budget.update", login)))
                .containsExactly("budget.update");
    }

    @Test
    void theAuditLogIsPagedAndFilteredByOperation() {
        PageClient pages = new PageClient(port);
        String email = pages.signUp();
        String login = api.login(email, BrowserTest.PASSWORD);
        for (int i = 1; i <= AuditPages.PAGE_SIZE + 5; i++) {
            assertThat(api.put("/api/v1/users/me/budget", login, Map.of("session_alert_usd", i)).status())
                    .isEqualTo(200);
        }
        api.post("/api/v1/users/me/tokens", login, Map.of("name", "one"));

        List<String> first = operations(api.get("/api/v1/users/me/audit?operation=budget.update&limit=50", login));
        assertThat(first).hasSize(50).containsOnly("budget.update");
        JsonNode rest = api.get("/api/v1/users/me/audit?operation=budget.update&limit=50&offset=50", login).json();
        assertThat(rest.size()).isEqualTo(5);
        assertThat(rest.get(4).path("detail").asText()).startsWith("alert $1,"); // the oldest last
        assertThat(operations(api.get("/api/v1/users/me/audit?operation=token.create", login)))
                .containsExactly("token.create");

        String page1 = pages.get("/settings/audit?operation=budget.update").body();
        assertThat(rows(page1)).isEqualTo(AuditPages.PAGE_SIZE);
        assertThat(page1).doesNotContain(">token.create</td>").contains("id=\"older\"")
                .contains("<option value=\"token.create\">token.create</option>");
        String page2 = pages.get("/settings/audit?operation=budget.update&page=2").body();
        assertThat(rows(page2)).isEqualTo(5);
        assertThat(page2).contains("alert $1, session cap default").doesNotContain("id=\"older\"")
                .contains("id=\"newer\"");
        String tokens = pages.get("/settings/audit?operation=token.create").body();
        assertThat(rows(tokens)).isEqualTo(1);
        assertThat(pages.get("/settings/audit?operation=nonsense&page=-4").body())
                .contains("Your log has no entries of that operation");
    }

    @Test
    void theNewFormsBodiesAreCappedBeforeTheyAreRead() {
        RawHttp raw = new RawHttp(port);
        for (String path : List.of("/settings/budget", "/settings/tokens", "/settings/tokens/" + UUID.randomUUID()
                + "/revoke", "/admin/users/" + UUID.randomUUID() + "/revoke")) {
            RawHttp.Answer r = raw.send("POST " + path + " HTTP/1.1", null,
                    "Content-Type: application/x-www-form-urlencoded", "Content-Length: 10000000");
            assertThat(r.status()).as(path + ": " + r).isEqualTo(413);
        }
    }

    private HttpResponse<String> createToken(PageClient pages, String name, String credentialId) {
        String page = pages.get("/settings/tokens").body();
        return pages.post("/settings/tokens", form("_csrf", csrf(page), "formToken", formToken(page), "name", name,
                "credentialId", credentialId, "expiresInDays", "30"));
    }

    private String credential(String login) {
        String key = "sk-proj-pages-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        Response created = api.post("/api/v1/users/me/llm-credentials", login, Map.of("provider", "openai", "api_key",
                key, "model_name", "gpt-4o-mini"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("id");
    }

    private PageClient adminPages() {
        PageClient admin = new PageClient(port);
        String email = admin.signUp();
        jdbc.update("UPDATE users SET role = 'ADMIN' WHERE email = ?", email);
        admin.forgetCookies(); // the role is read at login
        String login = admin.get("/login").body();
        assertThat(admin.post("/login", form("_csrf", csrf(login), "email", email, "password", BrowserTest.PASSWORD))
                .statusCode()).isEqualTo(302);
        return admin;
    }

    private int activeCredentials(String userId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM user_llm_credentials WHERE user_id = ? AND is_active",
                Integer.class, UUID.fromString(userId));
    }

    private static List<String> operations(Response audit) {
        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        audit.json().forEach(e -> out.add(e.path("operation").asText()));
        return out;
    }

    private static boolean absent(JsonNode node) {
        return node.isNull() || node.isMissingNode();
    }

    private static int rows(String page) {
        Matcher m = Pattern.compile("<td class=\"mono\">[a-z_.]+</td>").matcher(page);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
