package com.byomlab.calls;

import com.byomlab.testsupport.ApiClient;
import com.byomlab.testsupport.ServiceProcess;
import com.byomlab.testsupport.SharedDatabase;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeAnthropic;
import com.byomlab.testsupport.fakes.FakeOpenAi;
import com.byomlab.testsupport.fakes.Scenario;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real instances of the service on one database (PostgreSQL with the 'postgres' profile): a key that fails on
 * one instance cools down for both, so the other skips it without asking its provider.
 */
class CooldownAcrossInstancesTest {

    @Test
    void aKeyThatFailedOnOneInstanceIsSkippedByTheOther() throws Exception {
        String claudeKey = "sk-ant-cool-" + UUID.randomUUID();
        String gptKey = "sk-cool-" + UUID.randomUUID();
        try (FakeAnthropic anthropic = FakeAnthropic.start(claudeKey); FakeOpenAi openai = FakeOpenAi.start(gptKey);
             SharedDatabase db = SharedDatabase.start("cooldown_" + UUID.randomUUID().toString().substring(0, 8))) {
            Map<String, String> env = Map.of("ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]));
            List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + db.url(),
                    "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
                    "--byom.providers.openai.base-url=" + openai.baseUrl(),
                    "--byom.providers.anthropic.base-url=" + anthropic.baseUrl(),
                    "--byom.llm.retry.max-retries=0", "--byom.llm.call-timeout=10s", "--byom.market.sample-data=false",
                    "--byom.key-rotation.enabled=false", // a shared PostgreSQL schema holds other keys' rows
                    "--spring.datasource.hikari.maximum-pool-size=4"));
            String schema = System.getProperty("spring.flyway.schemas");
            if (schema != null && !schema.isBlank()) {
                args.add("--spring.flyway.schemas=" + schema);
            }
            CompletableFuture<ServiceProcess> startA = CompletableFuture.supplyAsync(() -> ServiceProcess.start("cool-a", env, args));
            CompletableFuture<ServiceProcess> startB = CompletableFuture.supplyAsync(() -> ServiceProcess.start("cool-b", env, args));
            try (ServiceProcess a = startA.join().awaitUp(Duration.ofSeconds(90));
                 ServiceProcess b = startB.join().awaitUp(Duration.ofSeconds(90))) {
                ApiClient apiA = new ApiClient(a.port());
                ApiClient apiB = new ApiClient(b.port());
                String login = apiA.newUser();
                String claude = apiA.post("/api/v1/users/me/llm-credentials", login, Map.of("provider", "anthropic",
                        "api_key", claudeKey, "model_name", "claude-sonnet-4-20250514")).text("id");
                String gpt = apiA.post("/api/v1/users/me/llm-credentials", login, Map.of("provider", "openai",
                        "api_key", gptKey, "model_name", "gpt-4o-mini")).text("id");
                assertThat(apiA.put("/api/v1/users/me/llm-fallback", login, Map.of("credential_ids", List.of(gpt)))
                        .status()).isEqualTo(200);
                String token = apiA.post("/api/v1/users/me/tokens", login, Map.of("name", "two instances",
                        "credential_id", claude)).text("token");

                anthropic.chat().enqueue(ChatReply.failure(Scenario.rateLimited(0)));
                HttpResponse<String> onA = complete(a.port(), token);
                assertThat(onA.statusCode()).as(onA.body()).isEqualTo(200);
                assertThat(onA.headers().firstValue("x-byom-fallback")).hasValue(claude + ";reason=rate_limited");
                assertThat(anthropic.chat().requests()).hasSize(1);

                HttpResponse<String> onB = complete(b.port(), token);
                assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
                assertThat(onB.headers().firstValue("x-byom-credential")).hasValue(gpt);
                assertThat(onB.headers().firstValue("x-byom-fallback")).hasValue(claude + ";reason=cooling_down");
                assertThat(anthropic.chat().requests()).as("instance B did not ask the cooling key").hasSize(1);
                assertThat(openai.chat().requests()).hasSize(2);

                // and instance B shows it to the owner, with when it comes back
                JsonNode health = apiB.get("/api/v1/providers/health", login).json();
                JsonNode mine = health.path("credentials").valueStream()
                        .filter(c -> c.path("credential_id").asText().equals(claude)).findFirst().orElseThrow();
                assertThat(mine.path("cooldown").path("reason").asText()).isEqualTo("rate_limited");
                assertThat(mine.path("cooldown").path("until").asText()).isNotBlank();
            }
        }
    }

    private static HttpResponse<String> complete(int port, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/v1/chat/completions")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-20250514\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"How is BTC?\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
