package com.byomlab.usage;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Spending rules around LLM calls: before a call, whether a cap forbids it; after a call, whether an
 * alert is due. A cap is checked against costs already known (stored, or recorded and not stored yet), so the call
 * that crosses a cap completes and the next one is refused.
 */
@Service
public class Budgets {

    private final BudgetRepository budgets;
    private final UsageWrites usage;
    private final Alerts alerts;
    private final UserBudget defaults;

    Budgets(BudgetRepository budgets, UsageWrites usage, Alerts alerts,
            @Value("${byom.usage.session-alert-usd:10}") BigDecimal sessionAlert,
            @Value("${byom.usage.default-session-cap-usd:#{null}}") BigDecimal sessionCap,
            @Value("${byom.usage.default-monthly-cap-usd:#{null}}") BigDecimal monthlyCap) {
        this.budgets = budgets;
        this.usage = usage;
        this.alerts = alerts;
        this.defaults = new UserBudget(sessionAlert, sessionCap, monthlyCap);
    }

    /** The user's rules, with the operator's defaults where the user set none. */
    public UserBudget of(UUID userId) {
        return budgets.find(userId).map(b -> new UserBudget(
                b.sessionAlertUsd() != null ? b.sessionAlertUsd() : defaults.sessionAlertUsd(),
                b.sessionCapUsd() != null ? b.sessionCapUsd() : defaults.sessionCapUsd(),
                b.monthlyCapUsd() != null ? b.monthlyCapUsd() : defaults.monthlyCapUsd())).orElse(defaults);
    }

    /** The operator's defaults: what applies where a user set nothing. */
    public UserBudget defaults() {
        return defaults;
    }

    void save(UUID userId, UserBudget budget) {
        budgets.save(userId, budget);
    }

    /**
     * Empty when the next call may go ahead; otherwise the reason it may not, in words for the user
     * (and an alert is raised once).
     */
    public Optional<String> refusal(UUID userId, UUID sessionId, BigDecimal sessionCostSoFar) {
        UserBudget budget = of(userId);
        if (budget.sessionCapUsd() != null && sessionCostSoFar.compareTo(budget.sessionCapUsd()) >= 0) {
            String reason = "This session reached its cost cap of $" + plain(budget.sessionCapUsd()) + " (spent $"
                    + plain(sessionCostSoFar) + "). Raise the cap in your budget settings to allow longer sessions.";
            alerts.raiseOnce(userId, sessionId, "session_cap_reached", budget.sessionCapUsd(), sessionCostSoFar, reason,
                    Instant.EPOCH);
            return Optional.of(reason);
        }
        if (budget.monthlyCapUsd() != null) {
            Instant now = Instant.now();
            Instant monthStart = UsageRepository.monthOf(now).atStartOfDay().toInstant(ZoneOffset.UTC);
            BigDecimal month = usage.spentInMonth(userId, now);
            if (month.compareTo(budget.monthlyCapUsd()) >= 0) {
                String reason = "Your monthly cost cap of $" + plain(budget.monthlyCapUsd()) + " is reached (spent $"
                        + plain(month) + " this month). Raise it in your budget settings or wait for next month.";
                alerts.raiseOnce(userId, null, "monthly_cap_reached", budget.monthlyCapUsd(), month, reason, monthStart);
                return Optional.of(reason);
            }
        }
        return Optional.empty();
    }

    /** After a call: an alert when the session's cost just passed the user's alert amount. */
    public void afterCall(UUID userId, UUID sessionId, BigDecimal before, BigDecimal after) {
        BigDecimal threshold = of(userId).sessionAlertUsd();
        if (threshold != null && before.compareTo(threshold) < 0 && after.compareTo(threshold) >= 0) {
            alerts.raiseOnce(userId, sessionId, "session_cost_threshold", threshold, after,
                    "A session passed $" + plain(threshold) + " (now $" + plain(after) + ").", Instant.EPOCH);
        }
    }

    static String plain(BigDecimal usd) {
        return usd.setScale(usd.scale() > 4 ? 4 : Math.max(usd.scale(), 2), java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }
}
