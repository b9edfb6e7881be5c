package com.byomlab.usage;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import com.byomlab.web.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Spending rules around LLM calls: before a call, whether a cap forbids it; after a call, whether an
 * alert is due. A cap is checked against costs already known, so the call that crosses a cap
 * completes and the next one is refused.
 */
@Service
public class Budgets {

    /** The ranges a user may set (the API's Bean Validation and the budget page both use them). */
    public static final String MIN_ALERT = "0.01";
    public static final String MAX_ALERT = "100000";
    public static final String MIN_CAP = "0.0001";
    public static final String MAX_SESSION_CAP = "100000";
    public static final String MAX_MONTHLY_CAP = "1000000";

    private final BudgetRepository budgets;
    private final UsageRepository usage;
    private final Alerts alerts;
    private final UserBudget defaults;
    private final AuditLog audit;

    Budgets(BudgetRepository budgets, UsageRepository usage, Alerts alerts, AuditLog audit,
            @Value("${byom.usage.session-alert-usd:10}") BigDecimal sessionAlert,
            @Value("${byom.usage.default-session-cap-usd:#{null}}") BigDecimal sessionCap,
            @Value("${byom.usage.default-monthly-cap-usd:#{null}}") BigDecimal monthlyCap) {
        this.budgets = budgets;
        this.usage = usage;
        this.alerts = alerts;
        this.audit = audit;
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

    /**
     * Sets the user's alert amount and caps (a null one falls back to the operator's default), audited as
     * {@code budget.update}; returns the rules now in force.
     *
     * @throws ApiProblem 400 {@code invalid_budget} naming the first field out of range (see {@link #problems})
     */
    public UserBudget update(UUID userId, UserBudget wanted, String clientAddress) {
        Map<String, String> problems = problems(wanted);
        if (!problems.isEmpty()) {
            Map.Entry<String, String> first = problems.entrySet().iterator().next();
            throw ApiProblem.badRequest("invalid_budget", first.getValue()).with("field", first.getKey());
        }
        budgets.save(userId, wanted);
        audit.record(AuditEvent.of(userId, "budget.update", AuditEvent.Outcome.SUCCESS, null, null, clientAddress,
                "alert " + text(wanted.sessionAlertUsd()) + ", session cap " + text(wanted.sessionCapUsd())
                        + ", monthly cap " + text(wanted.monthlyCapUsd())));
        return of(userId);
    }

    /** Every field out of range, by its JSON name ({@code session_cap_usd}), with what to enter instead. */
    public static Map<String, String> problems(UserBudget b) {
        Map<String, String> out = new LinkedHashMap<>();
        check(out, "session_alert_usd", b.sessionAlertUsd(), MIN_ALERT, MAX_ALERT, "The alert amount");
        check(out, "session_cap_usd", b.sessionCapUsd(), MIN_CAP, MAX_SESSION_CAP, "The session cap");
        check(out, "monthly_cap_usd", b.monthlyCapUsd(), MIN_CAP, MAX_MONTHLY_CAP, "The monthly cap");
        return out;
    }

    private static void check(Map<String, String> out, String field, BigDecimal value, String min, String max,
                              String what) {
        if (value != null && (value.compareTo(new BigDecimal(min)) < 0 || value.compareTo(new BigDecimal(max)) > 0)) {
            out.put(field, what + " must be between $" + min + " and $" + max + " (in US dollars, e.g. 25 or 2.50)"
                    + "; leave it empty for the operator's default.");
        }
    }

    private static String text(BigDecimal usd) {
        return usd == null ? "default" : "$" + usd.stripTrailingZeros().toPlainString();
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
