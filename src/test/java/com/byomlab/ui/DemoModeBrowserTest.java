package com.byomlab.ui;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** Demo mode in the browser: the demo user runs a session on the simulated model, and every page says SIMULATED. */
// byom.demo must be an inlined property: dynamic ones arrive after DemoDefaults has looked at the environment
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "byom.demo=true")
class DemoModeBrowserTest {

    static final int PORT = freePort();
    static Browser browser;

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> Integer.toString(PORT));
    }

    @BeforeAll
    static void open() {
        browser = Browser.open(PORT);
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    @Test
    void theDemoUserRunsASimulatedSessionThatIsLabelledSo() {
        browser.go("/login");
        assertThat(browser.find(".topbar .badge-sim").getText()).isEqualTo("SIMULATED");
        browser.type("#email", "demo@byomlab.local");
        browser.type("#password", "demo-password");
        browser.click("button[type=submit]");
        browser.waitFor("#new-session-button").click();
        browser.waitFor("#goal").sendKeys("Compare the volatility of BTC and ETH over the last 90 days");
        assertThat(new Select(browser.find("#model")).getFirstSelectedOption().getText())
                .isEqualTo("System default (openai · byom-simulated-analyst) — SIMULATED");
        browser.waitForText("#estimate", "Estimated cost");
        browser.screenshot("16-demo-new-session");
        browser.click("#start-session");
        browser.waitFor("#session[data-final='true']");
        assertThat(browser.find("#status").getText()).isEqualTo("Completed");
        assertThat(browser.find(".facts .badge-sim").getText()).isEqualTo("SIMULATED");
        assertThat(browser.find("#report").getText()).contains("Simulated analysis");
        browser.waitFor("#price-chart canvas");
        browser.screenshot("17-demo-session-completed");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
