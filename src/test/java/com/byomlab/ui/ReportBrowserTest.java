package com.byomlab.ui;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent's report is Markdown: the session page shows it formatted (bold, lists, a table, links that open
 * nothing of ours), and markup the model wrote stays visible text. The page is open while the session runs, so
 * the report shown is the one the page renders when the session ends (it reloads then).
 */
class ReportBrowserTest extends BrowserTest {

    static final String REPORT = """
            **BTC and ETH, last 60 days**

            | coin | return | annualised volatility |
            |------|-------:|----------------------:|
            | BTC  | 12.0%  | 48.2%                 |
            | ETH  | 9.5%   | 61.7%                 |

            - ETH swung more; BTC kept more of its gains.
            - Prices: [CoinGecko](https://www.coingecko.com/en/coins/bitcoin)

            A tool result said <script>window.pwned = 1</script> and <img src=x onerror="window.pwned = 1">;
            [this link](javascript:window.pwned=1) goes nowhere.
            """;

    @Test
    void theReportIsRenderedMarkdownAndTheModelsMarkupStaysText() {
        String email = signUp("Rita");
        String login = api.login(email, PASSWORD);
        String key = "sk-report-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        Response credential = api.post("/api/v1/users/me/llm-credentials", login,
                Map.of("provider", "openai", "api_key", key, "model_name", "gpt-4o-mini"));
        assertThat(credential.status()).as(credential.body()).isEqualTo(201);
        CountDownLatch answer = new CountDownLatch(1);
        OPENAI.chat().enqueue(ChatReply.text(REPORT).usage(900, 200).heldUntil(answer));
        Response session = api.post("/api/v1/lab/agent/sessions", login, Map.of("user_goal",
                "Compare BTC and ETH over the last 60 days", "llm_credential_id", credential.text("id")));
        assertThat(session.status()).as(session.body()).isEqualTo(201);

        browser.go("/lab/sessions/" + session.text("id"));
        browser.waitFor("#session[data-final='false']");
        answer.countDown();
        browser.waitFor("#session[data-final='true'] #report"); // the page reloaded when the session ended

        WebElement report = browser.find("#report .report-text");
        assertThat(browser.find("#report strong").getText()).isEqualTo("BTC and ETH, last 60 days");
        assertThat(browser.all("#report table tbody tr")).hasSize(2);
        assertThat(browser.find("#report table").getText()).contains("ETH", "61.7%");
        assertThat(browser.all("#report li")).hasSize(2);
        WebElement source = browser.find("#report a[href^='https://']");
        assertThat(source.getText()).isEqualTo("CoinGecko");
        assertThat(source.getAttribute("rel")).isEqualTo("noopener nofollow");
        // the model's markup is shown, not run: no script or image element, no handler, no javascript: link
        assertThat(report.getText()).contains("<script>window.pwned = 1</script>")
                .contains("<img src=x onerror=\"window.pwned = 1\">");
        assertThat(browser.all("#report script, #report img, #report [onerror]")).isEmpty();
        assertThat(browser.all("#report a[href^='javascript']")).isEmpty();
        assertThat(browser.js("return window.pwned === undefined;")).isEqualTo(true);
        browser.screenshot("18-session-report-markdown");
    }
}
