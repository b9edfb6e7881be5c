package com.byomlab.ui;

import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.UUID;

import static com.byomlab.ui.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

/** The page chain over plain HTTP: cookie flags, CSRF, expired logins, and the API chain left stateless. */
class PageSecurityTest extends ApiIntegrationTest {

    PageClient pages;

    @BeforeEach
    void client() {
        pages = new PageClient(port);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() {
        HttpResponse<String> login = pages.get("/login");
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    }

    @Test
    void pagesNeedALoginAndAnExpiredOneIsSaidSo() {
        assertThat(pages.get("/settings/llm").headers().firstValue("Location").orElseThrow()).endsWith("/login");

        pages.forgetCookies(); // only the stale cookie of a session the server no longer knows
        HttpResponse<String> stale = pages.get("/lab", "Cookie", "JSESSIONID=" + UUID.randomUUID());
        assertThat(stale.statusCode()).isEqualTo(302);
        assertThat(stale.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");

        // htmx would swap a redirected login page into a fragment: it is told to load the whole page instead
        pages.forgetCookies();
        HttpResponse<String> htmx = pages.get("/lab/estimate?model=system", "HX-Request", "true",
                "Cookie", "JSESSIONID=" + UUID.randomUUID());
        assertThat(htmx.statusCode()).isEqualTo(401);
        assertThat(htmx.headers().firstValue("HX-Redirect").orElseThrow()).isEqualTo("/login?expired");
    }

    @Test
    void formPostsAndHtmxRequestsWithoutTheCsrfTokenAreRefused() {
        String email = pages.signUp();
        String page = pages.get("/settings/llm").body();
        HttpResponse<String> noToken = pages.post("/settings/llm", form("provider", "openai", "apiKey", "sk-x",
                "modelName", "gpt-4o-mini", "formToken", PageClient.formToken(page)));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("This form was refused");

        HttpResponse<String> htmxWithoutHeader = pages.post("/settings/llm/test", form("provider", "openai",
                "apiKey", "sk-x"), "HX-Request", "true");
        assertThat(htmxWithoutHeader.statusCode()).isEqualTo(403);
        HttpResponse<String> htmxWithHeader = pages.post("/settings/llm/test", form("provider", "openai",
                "apiKey", "sk-x"), "HX-Request", "true", "X-CSRF-TOKEN", PageClient.csrf(page));
        assertThat(htmxWithHeader.statusCode()).isEqualTo(200);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_llm_credentials c JOIN users u ON u.id = c.user_id "
                + "WHERE u.email = ?", Integer.class, email)).isZero();
    }

    @Test
    void theApiChainStaysStatelessAndAnswersInJson() {
        pages.signUp();
        HttpResponse<String> api = pages.get("/api/v1/users/me"); // the page cookie is no API login
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        assertThat(api.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void logoutEndsTheSession() {
        pages.signUp();
        String page = pages.get("/lab").body();
        HttpResponse<String> out = pages.post("/logout", form("_csrf", PageClient.csrf(page)));
        assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
        assertThat(pages.get("/lab").headers().firstValue("Location").orElseThrow()).contains("/login");
    }

    @Test
    void aDeletedAccountsPageSessionEndsAtItsNextRequest() {
        String email = pages.signUp();
        assertThat(pages.get("/lab").statusCode()).isEqualTo(200);
        assertThat(api.delete("/api/v1/users/me", api.login(email, BrowserTest.PASSWORD)).status()).isEqualTo(204);

        HttpResponse<String> next = pages.get("/lab");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location").orElseThrow()).endsWith("/login?gone");
        // invalidated, not refused once: the browser's cookie now names no session
        assertThat(pages.get("/settings/llm").headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
        assertThat(pages.get("/login?gone").body()).contains("This account was deleted");

        // an htmx request (or the live events of a session page) is told to load the login page whole
        PageClient other = new PageClient(port);
        String otherEmail = other.signUp();
        assertThat(api.delete("/api/v1/users/me", api.login(otherEmail, BrowserTest.PASSWORD)).status()).isEqualTo(204);
        HttpResponse<String> htmx = other.get("/lab/estimate?model=system", "HX-Request", "true");
        assertThat(htmx.statusCode()).isEqualTo(401);
        assertThat(htmx.headers().firstValue("HX-Redirect").orElseThrow()).isEqualTo("/login?gone");
    }
}
