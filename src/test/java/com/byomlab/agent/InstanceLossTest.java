package com.byomlab.agent;

import com.byomlab.testsupport.ApiClient;
import com.byomlab.testsupport.ServiceProcess;
import com.byomlab.testsupport.SharedDatabase;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeOpenAi;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real instances of the service on one database; one is killed with SIGKILL while its sessions
 * wait on the provider. Every one of its sessions ends as instance_lost within the bound (heartbeat
 * interval + instance timeout, plus a margin), and the surviving instance's session completes.
 */
class InstanceLossTest {

    static final Duration HEARTBEAT = Duration.ofMillis(500);
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    static final Duration BOUND = HEARTBEAT.plus(TIMEOUT).plus(HEARTBEAT).plusSeconds(3);

    @Test
    void theSessionsOfAKilledInstanceEndWithinTheBound() throws Exception {
        String key = "sk-instances-" + UUID.randomUUID();
        CountDownLatch neverOnA = new CountDownLatch(1);
        CountDownLatch releaseB = new CountDownLatch(1);
        try (FakeOpenAi openai = FakeOpenAi.start(key);
             SharedDatabase db = SharedDatabase.start("instances_" + UUID.randomUUID().toString().substring(0, 8))) {
            Map<String, String> env = Map.of("ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]));
            List<String> args = List.of("--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
                    "--spring.datasource.password=" + db.password(),
                    "--byom.providers.openai.base-url=" + openai.baseUrl(),
                    "--byom.agent.heartbeat-interval=" + HEARTBEAT.toMillis() + "ms",
                    "--byom.agent.instance-timeout=" + TIMEOUT.toSeconds() + "s",
                    "--byom.llm.call-timeout=60s", "--byom.market.sample-data=false",
                    "--byom.key-rotation.enabled=false", // a shared PostgreSQL schema holds other keys' rows
                    "--spring.datasource.hikari.maximum-pool-size=4");
            CompletableFuture<ServiceProcess> startA = CompletableFuture.supplyAsync(() -> ServiceProcess.start("a", env, args));
            CompletableFuture<ServiceProcess> startB = CompletableFuture.supplyAsync(() -> ServiceProcess.start("b", env, args));
            try (ServiceProcess a = startA.join().awaitUp(Duration.ofSeconds(90));
                 ServiceProcess b = startB.join().awaitUp(Duration.ofSeconds(90))) {
                ApiClient apiA = new ApiClient(a.port());
                ApiClient apiB = new ApiClient(b.port());
                String token = apiA.newUser();
                String credential = apiA.post("/api/v1/users/me/llm-credentials", token,
                        Map.of("provider", "openai", "api_key", key, "model_name", "gpt-4o")).text("id");

                openai.chat().enqueue(ChatReply.text("held on A").heldUntil(neverOnA),
                        ChatReply.text("held on A").heldUntil(neverOnA), ChatReply.text("held on A").heldUntil(neverOnA));
                List<String> onA = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    onA.add(apiA.post("/api/v1/lab/agent/sessions", token, Map.of("user_goal", "BTC " + i,
                            "llm_credential_id", credential)).text("id"));
                }
                awaitCalls(openai, 3);
                openai.chat().enqueue(ChatReply.text("B finished").heldUntil(releaseB));
                String onB = apiB.post("/api/v1/lab/agent/sessions", token, Map.of("user_goal", "ETH",
                        "llm_credential_id", credential)).text("id");
                awaitCalls(openai, 4);

                a.kill();
                long killedAt = System.nanoTime();
                for (String id : onA) {
                    JsonNode s = awaitFinal(apiB, token, id, BOUND);
                    assertThat(s.path("status").asText()).isEqualTo("instance_lost");
                    assertThat(s.path("status_reason").asText()).contains("instance");
                }
                Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
                assertThat(took).isLessThanOrEqualTo(BOUND);

                assertThat(apiB.get("/api/v1/lab/agent/sessions/" + onB, token).text("status")).isEqualTo("running");
                releaseB.countDown();
                assertThat(awaitFinal(apiB, token, onB, Duration.ofSeconds(20)).path("status").asText()).isEqualTo("completed");
            } finally {
                neverOnA.countDown();
                releaseB.countDown();
            }
        }
    }

    private static void awaitCalls(FakeOpenAi openai, int n) throws InterruptedException {
        for (int i = 0; i < 600 && openai.chat().requests().size() < n; i++) {
            Thread.sleep(50);
        }
        assertThat(openai.chat().requests()).hasSizeGreaterThanOrEqualTo(n);
    }

    private static JsonNode awaitFinal(ApiClient api, String token, String id, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode s = null;
        while (System.nanoTime() < deadline) {
            s = api.get("/api/v1/lab/agent/sessions/" + id, token).json();
            if (!List.of("pending", "running").contains(s.path("status").asText())) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("session " + id + " still " + (s == null ? "?" : s.path("status").asText())
                + " after " + within);
    }
}
