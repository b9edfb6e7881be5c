package com.byomlab.demo;

import com.byomlab.testsupport.ApiClient;
import com.byomlab.testsupport.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo mode end to end: the demo user logs in and a session without any set-up runs on the
 * simulated provider, over real HTTP, through real tool calls — and says it is simulated.
 */
// byom.demo must be an inlined property: dynamic ones arrive after DemoDefaults has looked at the environment
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "byom.demo=true")
class DemoModeTest {

    static final int PORT = freePort();

    @DynamicPropertySource
    static void demo(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> Integer.toString(PORT));
    }

    @Test
    void aSessionRunsOfflineOnTheSimulatedModel() throws InterruptedException {
        ApiClient api = new ApiClient(PORT);
        String token = api.login(DemoUser.EMAIL, DemoUser.PASSWORD);

        Response created = api.post("/api/v1/lab/agent/sessions", token,
                Map.of("user_goal", "Compare the volatility of BTC and ETH"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("simulated").asBoolean()).isTrue();
        assertThat(created.text("llm_model")).isEqualTo(SimulatedOpenAiController.MODEL);
        assertThat(created.json().path("using_custom_model").asBoolean()).isFalse();

        JsonNode session = null;
        for (int i = 0; i < 400; i++) {
            session = api.get("/api/v1/lab/agent/sessions/" + created.text("id"), token).json();
            if (!List.of("pending", "running").contains(session.path("status").asText())) {
                break;
            }
            Thread.sleep(25);
        }
        assertThat(session.path("status").asText()).as(session.toString()).isEqualTo("completed");
        assertThat(session.path("final_report").asText()).contains("Simulated").contains("BTC").contains("ETH")
                .contains("Data: synthetic sample data (not real prices), 2026-06-04 to 2026-11-30."); // 180 days

        JsonNode steps = api.get("/api/v1/lab/agent/sessions/" + created.text("id") + "/messages", token).json();
        List<String> tools = steps.valueStream().filter(s -> s.path("kind").asText().equals("tool_call"))
                .map(s -> s.path("tool_name").asText()).toList();
        assertThat(tools).containsExactly("list_coins", "get_price_history", "compute_indicators", "compare_coins");
        assertThat(steps.valueStream().filter(s -> s.path("kind").asText().equals("tool_result"))
                .noneMatch(s -> s.path("content").asText().contains("\"error\""))).isTrue();
    }

    @Test
    void theSimulatedProviderRefusesAnyOtherKey() {
        ApiClient api = new ApiClient(PORT);
        Response r = api.raw("POST", "/demo-llm/v1/chat/completions", "wrong", "application/json", "{\"messages\":[]}");
        assertThat(r.status()).isEqualTo(401);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
