package com.byomlab.ui;

import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The happy path in a real browser: sign up, add a key (tested against the fake OpenAI), add a second one and
 * make it the default, start a session on a chosen model, watch its steps arrive live, see its cost and
 * report, check the usage page, delete the key. Screenshots of every page land in target/screenshots.
 */
class LabJourneyBrowserTest extends BrowserTest {

    /** The credentials table's row that mentions {@code text}. */
    WebElement row(String text) {
        return browser.all("#credentials tbody tr").stream().filter(r -> r.getText().contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no credential row with " + text));
    }

    @Test
    void aNewUserAddsAKeyRunsASessionLiveSeesItsCostAndDeletesTheKey() {
        String openAiKey = "sk-journey-" + UUID.randomUUID();
        String anthropicKey = "sk-ant-journey-" + UUID.randomUUID();
        OPENAI.expectKey(openAiKey).models("gpt-4o", "gpt-4o-mini", "o3-mini");
        ANTHROPIC.expectKey(anthropicKey);

        browser.go("/lab");
        assertThat(browser.path()).isEqualTo("/login"); // pages need a login
        browser.screenshot("01-login");
        browser.go("/signup");
        browser.screenshot("02-signup");
        String email = signUp("Ada");
        browser.screenshot("03-settings-empty");
        assertThat(browser.find(".empty").getText()).contains("No credentials yet");

        // OpenAI is preselected: the key's format is checked while typing, then the key is tested live
        browser.type("#apiKey", openAiKey);
        browser.waitForText("#apiKey-check", "Format looks right");
        browser.click("#test-button");
        WebElement ok = browser.waitFor("#test-ok");
        assertThat(ok.getText()).contains("Connected to OpenAI").containsPattern("in \\d+ ms").contains("3 models");
        assertThat(browser.find("#test-ok table").getText()).contains("gpt-4o-mini", "128000 tokens",
                "$0.001 in / $0.004 out per 1k tokens");
        browser.screenshot("04-test-connection");
        new Select(browser.find("#modelName")).selectByValue("gpt-4o");
        browser.type("#label", "Work");
        browser.click("#save-button");
        browser.waitForText(".alert-info", "Saved Work (OpenAI · gpt-4o)");
        assertThat(browser.find("#credentials").getText()).contains("OpenAI", "Work", "gpt-4o", "sk-j...", "Default");
        assertThat(browser.source()).doesNotContain(openAiKey);
        browser.screenshot("05-credential-saved");

        // a second key, then make it the default
        browser.click("label[for=provider-anthropic]");
        browser.waitForText("#apiKey-example", "sk-ant-");
        browser.type("#apiKey", anthropicKey);
        browser.click("#test-button");
        browser.waitForText("#test-ok", "Connected to Anthropic");
        browser.click("#save-button");
        browser.waitForText(".alert-info", "Saved Anthropic");
        row("Anthropic").findElement(By.cssSelector("button")).click(); // "Make default"
        browser.waitForText(".alert-info", "is now your default model");
        assertThat(row("Anthropic").getText()).contains("Default");
        assertThat(row("OpenAI").getText()).contains("Make default");
        assertThat(browser.source()).doesNotContain(openAiKey).doesNotContain(anthropicKey);
        browser.screenshot("06-credentials-default-changed");
        String openAiId = row("OpenAI").getAttribute("data-credential-id");

        // the Lab: a session on a model chosen for it (the OpenAI key, another model than the key's own;
        // not gpt-4.1-nano, whose session history another test counts)
        browser.go("/lab");
        browser.screenshot("07-lab-no-sessions");
        browser.click("#new-session-button");
        browser.waitFor("#goal").sendKeys("Compare BTC and ETH over the last 60 days");
        Select model = new Select(browser.find("#model"));
        assertThat(model.getFirstSelectedOption().getText()).startsWith("My default (Anthropic");
        assertThat(model.getOptions()).extracting(WebElement::getText)
                .anyMatch(t -> t.startsWith("System default (openai · gpt-4o-mini)"));
        model.selectByValue("cred:" + openAiId + ":gpt-4o-mini");
        browser.waitForText("#estimate", "gpt-4o-mini: $0.001 in / $0.004 out per 1k tokens");
        assertThat(browser.find("#estimate-range").getText()).matches("\\$[0-9.]+ – \\$[0-9.]+");
        browser.screenshot("08-new-session-dialog");

        CountDownLatch firstTurn = new CountDownLatch(1);
        CountDownLatch secondTurn = new CountDownLatch(1);
        OPENAI.chat().enqueue(
                ChatReply.toolCall("get_price_history", "{\"symbol\":\"BTC\",\"days\":60}").usage(1200, 40)
                        .heldUntil(firstTurn),
                ChatReply.toolCall("compare_coins", "{\"symbols\":[\"BTC\",\"ETH\"],\"days\":60}").usage(1500, 60)
                        .heldUntil(secondTurn),
                ChatReply.text("BTC and ETH moved together over 60 days; ETH swung more.").usage(2500, 300));
        browser.click("#start-session");
        browser.waitFor("#session");
        assertThat(browser.find("#status").getText()).isIn("Pending", "Running");
        browser.js("window.notReloaded = true;"); // steps must arrive without a reload
        firstTurn.countDown();
        browser.waitForText("#steps", "Tool result: get_price_history");
        assertThat(browser.js("return window.notReloaded === true;")).isEqualTo(true);
        assertThat(browser.find("#steps").getText()).contains("Model turn", "Tool call: get_price_history",
                "\"symbol\": \"BTC\"", "1200 in / 40 out tokens");
        assertThat(browser.find("#cost").getText()).isEqualTo("$0.00136"); // 1200 × $1/M + 40 × $4/M, live
        browser.screenshot("09-session-running-live");

        secondTurn.countDown();
        browser.waitForText("#status", "Completed"); // the page reloads when the session ends
        browser.waitFor("#report");
        assertThat(browser.find("#report").getText()).contains("ETH swung more");
        assertThat(browser.find("#ran-model").getText()).isEqualTo("OpenAI · gpt-4o-mini");
        assertThat(OPENAI.chat().lastRequest().model()).isEqualTo("gpt-4o-mini");
        assertThat(browser.find("#tokens-in").getText()).isEqualTo("5200");
        assertThat(browser.find("#cost").getText()).isEqualTo("$0.0068"); // 5200 × $1/M + 400 × $4/M
        browser.waitFor("#price-chart canvas");
        assertThat(browser.find("#price-chart").getAttribute("data-chart")).contains("BTC", "ETH", "indexed");
        browser.screenshot("10-session-completed");

        browser.go("/lab");
        assertThat(browser.find("#sessions").getText()).contains("Compare BTC and ETH", "Completed", "$0.0068");
        browser.screenshot("11-lab-sessions");
        browser.go("/usage");
        assertThat(browser.find("#total-cost").getText()).isEqualTo("$0.0068");
        assertThat(browser.find("#total-calls").getText()).isEqualTo("3");
        browser.waitFor("#usage-chart canvas");
        browser.screenshot("12-usage");

        // edit: the key is never pre-filled; the model list comes live from the provider with the stored key
        browser.go("/settings/llm");
        row("OpenAI").findElement(By.linkText("Edit")).click();
        browser.until(d -> browser.all("#modelName option").size() > 2, "the live model list");
        assertThat(browser.find("#apiKey").getAttribute("value")).isEmpty();
        assertThat(browser.source()).doesNotContain(openAiKey);
        browser.screenshot("13-edit-credential");

        // delete the OpenAI key, behind a confirmation
        browser.go("/settings/llm");
        browser.find("#credentials tr[data-credential-id='" + openAiId + "'] a.btn-danger-outline").click();
        browser.waitFor("#confirm-delete");
        browser.screenshot("14-delete-confirmation");
        browser.click("#confirm-delete");
        browser.waitForText(".alert-info", "Deleted Work (OpenAI · gpt-4o)");
        assertThat(browser.present("#credentials tr[data-credential-id='" + openAiId + "']")).isFalse();
        assertThat(storedCredentials(email)).isEqualTo(1);
        browser.screenshot("15-credential-deleted");
    }
}
