package com.byomlab.usage;

import com.byomlab.testsupport.ApiClient.Response;
import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.ChatReply;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Prometheus endpoint shows the product's metrics, labelled by provider and model, never by user or key. */
@AutoConfigureMetrics
class PrometheusMetricsTest extends ApiIntegrationTest {

    @Test
    void metricsAfterASessionAKeyFailureAndAStrangersAttempt() throws InterruptedException {
        String token = api.newUser();
        String userId = api.get("/api/v1/users/me", token).text("id");
        String key = "sk-metrics-" + UUID.randomUUID();
        OPENAI.expectKey(key);
        String credential = api.post("/api/v1/users/me/llm-credentials", token, Map.of("provider", "openai",
                "api_key", key, "model_name", "gpt-4o-mini")).text("id");
        api.post("/api/v1/users/me/llm-credentials/validate", token, Map.of("provider", "openai", "api_key", "sk-wrong-1"));
        api.get("/api/v1/users/me/llm-credentials/" + credential + "/models", api.newUser()); // someone else's id
        api.get("/api/v1/users/me", null);                                                   // no token
        OPENAI.chat().enqueue(ChatReply.text("ok").usage(1_000, 100).cached(200));
        String session = api.post("/api/v1/lab/agent/sessions", token, Map.of("user_goal", "BTC?",
                "llm_credential_id", credential)).text("id");
        for (int i = 0; i < 400 && List.of("pending", "running").contains(
                api.get("/api/v1/lab/agent/sessions/" + session, token).text("status")); i++) {
            Thread.sleep(25);
        }

        Response metrics = api.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        String text = metrics.body();
        // byom.sessions.created: the Prometheus client drops the reserved "_created" suffix (it names a counter's
        // creation-time series in OpenMetrics), so sessions created are exposed as byom_sessions_total
        assertThat(text).contains("byom_sessions_total{provider=\"openai\"} 1.0");
        assertThat(text).contains("byom_llm_calls_total{model=\"gpt-4o-mini\",outcome=\"ok\",provider=\"openai\"}");
        assertThat(text).contains("byom_tokens_total{kind=\"cached_input\",model=\"gpt-4o-mini\",provider=\"openai\"}");
        assertThat(text).contains("byom_cost_usd_total{model=\"gpt-4o-mini\",provider=\"openai\"}");
        assertThat(text).contains("byom_llm_latency_seconds_bucket{model=\"gpt-4o-mini\",provider=\"openai\"");
        assertThat(text).contains("byom_key_validation_failures_total{code=\"invalid_key\",provider=\"openai\"}");
        assertThat(text).contains("byom_unauthorized_access_attempts_total{kind=\"unknown_or_foreign_id\"}");
        assertThat(text).contains("byom_unauthorized_access_attempts_total{kind=\"no_valid_token\"}");
        assertThat(text).contains("byom_encryption_errors_total");
        assertThat(text).doesNotContain(userId).doesNotContain(key).doesNotContain(credential).doesNotContain(session);
    }
}
