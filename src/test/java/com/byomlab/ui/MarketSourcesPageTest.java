package com.byomlab.ui;

import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static com.byomlab.ui.PageClient.form;
import static org.assertj.core.api.Assertions.assertThat;

/** The administrators' market data page: refused to other users, and it shows the sources and coverage. */
class MarketSourcesPageTest extends ApiIntegrationTest {

    @Test
    void onlyAnAdministratorSeesTheMarketDataPage() {
        PageClient pages = new PageClient(port);
        String email = pages.signUp();
        HttpResponse<String> refused = pages.get("/admin/market");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(pages.get("/lab").body()).doesNotContain("/admin/"); // no link either

        jdbc.update("UPDATE users SET role = 'ADMIN' WHERE email = ?", email);
        pages.forgetCookies();
        String login = pages.get("/login").body();
        HttpResponse<String> in = pages.post("/login", form("_csrf", PageClient.csrf(login), "email", email,
                "password", BrowserTest.PASSWORD));
        assertThat(in.statusCode()).isEqualTo(302);

        HttpResponse<String> page = pages.get("/admin/market");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Market data</h1>").contains("The collector is off")
                .contains("id=\"coverage\"").contains("BTC")
                .contains("synthetic sample data (not real prices)");
        assertThat(pages.get("/lab").body()).contains("href=\"/admin/users\""); // the Admin link
        assertThat(pages.get("/admin/users").body()).contains("href=\"/admin/market\""); // and the admin pages' own
    }
}
