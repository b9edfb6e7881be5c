package com.byomlab.ui;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI at /swagger-ui.html renders the service's OpenAPI description in a real browser, under the docs
 * chain's Content-Security-Policy (its own scripts and styles only): the operations appear, gateway ones included.
 */
class SwaggerUiBrowserTest extends BrowserTest {

    @Test
    void swaggerUiShowsEveryGroupOfOperations() {
        browser.go("/swagger-ui.html");
        browser.waitFor(".opblock");
        browser.waitForText(".information-container", "BYOM Lab API");
        String page = browser.source();
        assertThat(page).contains("/api/v1/admin/audit/verify", "/api/v1/lab/agent/sessions", "/v1/chat/completions");
        assertThat(browser.all(".opblock").size()).isGreaterThan(30);
        assertThat(browser.present(".auth-wrapper .authorize")).as("the Authorize button (token schemes)").isTrue();
        browser.screenshot("swagger-ui");
    }
}
