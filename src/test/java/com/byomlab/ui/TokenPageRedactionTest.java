package com.byomlab.ui;

import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;

import static com.byomlab.ui.PageClient.csrf;
import static com.byomlab.ui.PageClient.form;
import static com.byomlab.ui.PageClient.formToken;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token made, listed and revoked on the Access tokens page, with web, security and SQL logging at DEBUG (the same
 * settings as GatewayRedactionTest, so the two share a Spring context): its secret is in no log line.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "logging.level.org.springframework.web=DEBUG",
        "logging.level.org.springframework.security=DEBUG",
        "logging.level.org.springframework.jdbc=DEBUG",
        "logging.level.com.byomlab=DEBUG",
        "logging.level.dev.langchain4j=DEBUG"})
class TokenPageRedactionTest extends ApiIntegrationTest {

    @Test
    void aTokenMadeOnThePageIsInNoLogLine(CapturedOutput output) {
        PageClient pages = new PageClient(port);
        pages.signUp();
        String page = pages.get("/settings/tokens").body();
        HttpResponse<String> made = pages.post("/settings/tokens", form("_csrf", csrf(page), "formToken",
                formToken(page), "name", "logged?", "credentialId", "", "expiresInDays", ""));
        Matcher m = AccountPagesSecurityTest.SECRET.matcher(made.body());
        assertThat(m.find()).as(made.body()).isTrue();
        String secret = m.group(1);

        String list = pages.get("/settings/tokens").body();
        String id = list.replaceAll("(?s).*data-token-id=\"([0-9a-f-]{36})\".*", "$1");
        String confirm = pages.get("/settings/tokens/" + id + "/revoke").body();
        assertThat(pages.post("/settings/tokens/" + id + "/revoke", form("_csrf", csrf(confirm))).statusCode())
                .isEqualTo(302);

        String logs = output.getAll();
        assertThat(logs).contains("/settings/tokens"); // DEBUG logging was on
        assertThat(logs).doesNotContain(secret).doesNotContain(secret.substring("byom_pat_".length()));
    }
}
