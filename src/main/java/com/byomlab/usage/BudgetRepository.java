package com.byomlab.usage;

import com.byomlab.database.CachedRows;
import com.byomlab.database.RowCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

@Repository
class BudgetRepository {

    private final JdbcClient jdbc;
    /** A user's settings, or that there are none: read before and after every call. */
    private final CachedRows<UUID, Optional<UserBudget>> settings;
    private final Function<UUID, Optional<UserBudget>> readSettings = this::readSettings;

    BudgetRepository(JdbcClient jdbc, RowCache cache) {
        this.jdbc = jdbc;
        this.settings = cache.rows(10_000);
    }

    Optional<UserBudget> find(UUID userId) {
        return settings.get(userId, readSettings);
    }

    private Optional<UserBudget> readSettings(UUID userId) {
        return jdbc.sql("SELECT session_alert_usd, session_cap_usd, monthly_cap_usd FROM user_budgets WHERE user_id = ?")
                .param(userId)
                .query((rs, n) -> new UserBudget(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3)))
                .optional();
    }

    void save(UUID userId, UserBudget budget) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int updated = jdbc.sql("UPDATE user_budgets SET session_alert_usd = ?, session_cap_usd = ?, monthly_cap_usd = ?, "
                        + "updated_at = ? WHERE user_id = ?")
                .params(budget.sessionAlertUsd(), budget.sessionCapUsd(), budget.monthlyCapUsd(), now, userId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO user_budgets (user_id, session_alert_usd, session_cap_usd, monthly_cap_usd, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?)")
                    .params(userId, budget.sessionAlertUsd(), budget.sessionCapUsd(), budget.monthlyCapUsd(), now).update();
        }
    }

    long insertAlert(UsageAlert alert) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO usage_alerts (user_id, session_id, kind, threshold_usd, amount_usd, message, webhook_status,
                                          created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(alert.userId(), alert.sessionId(), alert.kind(), alert.thresholdUsd(), alert.amountUsd(),
                        alert.message(), alert.webhookStatus(), alert.createdAt().atOffset(ZoneOffset.UTC))
                .update(key, "id");
        return key.getKey().longValue();
    }

    boolean alertExists(UUID userId, UUID sessionId, String kind, Instant since) {
        // two statements rather than "(? IS NULL ...)": PostgreSQL cannot type a parameter compared only to NULL
        String sql = "SELECT COUNT(*) FROM usage_alerts WHERE user_id = ? AND kind = ? AND created_at >= ? AND "
                + (sessionId == null ? "session_id IS NULL" : "session_id = ?");
        var statement = jdbc.sql(sql).param(userId).param(kind).param(since.atOffset(ZoneOffset.UTC));
        return (sessionId == null ? statement : statement.param(sessionId)).query(Long.class).single() > 0;
    }

    void markWebhook(long alertId, String status) {
        jdbc.sql("UPDATE usage_alerts SET webhook_status = ? WHERE id = ?").params(status, alertId).update();
    }

    List<UsageAlert> alerts(UUID userId, int limit) {
        return jdbc.sql("""
                SELECT id, user_id, session_id, kind, threshold_usd, amount_usd, message, webhook_status, created_at
                FROM usage_alerts WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?""")
                .params(userId, limit)
                .query((rs, n) -> new UsageAlert(rs.getLong("id"), rs.getObject("user_id", UUID.class),
                        rs.getObject("session_id", UUID.class), rs.getString("kind"), rs.getBigDecimal("threshold_usd"),
                        rs.getBigDecimal("amount_usd"), rs.getString("message"), rs.getString("webhook_status"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

}
