package com.byomlab.usage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stores spending alerts and, when the operator configured {@code byom.usage.alert-webhook-url},
 * posts each one there (JSON, no secrets) off the caller's thread, recording whether it arrived.
 */
@Component
class Alerts implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Alerts.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BudgetRepository repository;
    private final URI webhook;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alert-webhook");
        t.setDaemon(true);
        return t;
    });

    Alerts(BudgetRepository repository, @Value("${byom.usage.alert-webhook-url:}") String webhook) {
        this.repository = repository;
        this.webhook = webhook.isBlank() ? null : URI.create(webhook.strip());
    }

    /** Raises the alert unless the same kind was raised for this session (or since {@code since}) already. */
    synchronized void raiseOnce(UUID userId, UUID sessionId, String kind, BigDecimal threshold, BigDecimal amount,
                                String message, Instant since) {
        if (repository.alertExists(userId, sessionId, kind, since)) {
            return;
        }
        UsageAlert alert = new UsageAlert(0, userId, sessionId, kind, threshold, amount, message,
                webhook == null ? "not_configured" : "pending", Instant.now());
        long id = repository.insertAlert(alert);
        if (webhook != null) {
            sender.execute(() -> deliver(id, alert));
        }
    }

    private void deliver(long id, UsageAlert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", alert.kind());
        body.put("user_id", alert.userId());
        body.put("session_id", alert.sessionId());
        body.put("threshold_usd", alert.thresholdUsd());
        body.put("amount_usd", alert.amountUsd());
        body.put("message", alert.message());
        body.put("created_at", alert.createdAt().toString());
        String status;
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.discarding());
            status = r.statusCode() / 100 == 2 ? "delivered" : "failed";
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            status = "failed";
        }
        if (status.equals("failed")) {
            log.warn("Alert {} could not be delivered to the webhook", id);
        }
        repository.markWebhook(id, status);
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
    }
}
