package com.byomlab.agent;

import com.byomlab.ByomLabApplication;
import com.byomlab.testsupport.ApiClient;
import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.SharedDatabase;
import com.byomlab.testsupport.TcpProxy;
import com.byomlab.testsupport.fakes.ChatReply;
import com.byomlab.testsupport.fakes.FakeOpenAi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import com.byomlab.usage.UsageMeter;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away under load (every connection dropped, new ones refused — what a PostgreSQL
 * restart looks like from the service) and comes back. Meanwhile requests get 503 with a clear
 * message; afterwards the service serves again without a restart, and the session that ran through
 * the outage has every step and usage record exactly once.
 */
class DatabaseOutageTest {

    @Test
    void requestsGet503DuringAnOutageAndNothingIsLostOrDoubledAfterIt() throws Exception {
        String key = "sk-outage-" + UUID.randomUUID();
        CountDownLatch release = new CountDownLatch(1);
        try (FakeOpenAi openai = FakeOpenAi.start(key);
             SharedDatabase db = SharedDatabase.start("outage_" + UUID.randomUUID().toString().substring(0, 8));
             TcpProxy line = new TcpProxy(db.host(), db.port());
             // command-line arguments: they win over the test resources' application.properties
             ConfigurableApplicationContext app = new SpringApplicationBuilder(ByomLabApplication.class).run(
                     "--server.port=0", "--spring.datasource.url=" + db.urlVia("127.0.0.1", line.port()),
                     "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
                     "--spring.datasource.hikari.connection-timeout=1000",
                     "--spring.datasource.hikari.validation-timeout=500",
                     "--ENCRYPTION_KEY=" + Base64.getEncoder().encodeToString(new byte[32]),
                     "--byom.providers.openai.base-url=" + openai.baseUrl(), "--byom.market.sample-data=false",
                     "--byom.agent.instance-timeout=60s",
                     // on PostgreSQL it shares the suite's schema, whose credentials are under another key
                     "--byom.key-rotation.enabled=false", "--spring.datasource.hikari.maximum-pool-size=4")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            assertThat(app.getEnvironment().getProperty("spring.datasource.url")).contains(":" + line.port() + "/");
            ApiClient api = new ApiClient(port);
            String token = api.newUser();
            String credential = api.post("/api/v1/users/me/llm-credentials", token,
                    Map.of("provider", "openai", "api_key", key, "model_name", "gpt-4o")).text("id");
            openai.chat().enqueue(ChatReply.toolCall("list_coins", "{}").usage(100, 10),
                    ChatReply.text("written after the outage").usage(200, 20).heldUntil(release));
            String session = api.post("/api/v1/lab/agent/sessions", token, Map.of("user_goal", "BTC?",
                    "llm_credential_id", credential)).text("id");
            for (int i = 0; i < 400 && openai.chat().requests().size() < 2; i++) {
                Thread.sleep(25);
            }
            assertThat(openai.chat().requests()).hasSize(2); // the second answer is held: the session waits on it

            line.cut();
            Response during = api.get("/api/v1/users/me/llm-credentials", token);
            assertThat(during.status()).isEqualTo(503);
            assertThat(during.text("code")).isEqualTo("database_unavailable");
            assertThat(during.text("detail")).contains("Retry in a few seconds");
            assertThat(during.headers().get("retry-after")).containsExactly("5");
            release.countDown();          // the model answers while the database is away
            Thread.sleep(2_000);          // the session's writes fail and are retried meanwhile
            line.restore();

            JsonNode done = null;
            for (int i = 0; i < 600; i++) {
                Response r = api.get("/api/v1/lab/agent/sessions/" + session, token);
                if (r.status() == 200 && !List.of("pending", "running").contains(r.text("status"))) {
                    done = r.json();
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(done).as("the session ended after the outage").isNotNull();
            assertThat(done.path("status").asText()).isEqualTo("completed");
            assertThat(done.path("final_report").asText()).isEqualTo("written after the outage");
            assertThat(done.path("input_tokens").asLong()).isEqualTo(300);
            assertThat(done.path("llm_calls").asInt()).isEqualTo(2);

            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            app.getBean(UsageMeter.class).flush(); // usage rows are written behind the calls (docs/operations.md)
            assertThat(jdbc.queryForList("SELECT kind FROM agent_steps WHERE session_id = ? ORDER BY seq", String.class,
                    UUID.fromString(session))).containsExactly("model_turn", "tool_call", "tool_result", "model_turn");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM llm_usage WHERE session_id = ?", Integer.class,
                    UUID.fromString(session))).isEqualTo(2);
            assertThat(api.get("/api/v1/users/me/llm-credentials", token).status()).isEqualTo(200); // recovered by itself
        } finally {
            release.countDown();
        }
    }
}
