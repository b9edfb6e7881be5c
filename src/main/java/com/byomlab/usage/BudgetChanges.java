package com.byomlab.usage;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import com.byomlab.web.ApiProblem;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A user's changes to their own budget, from the API and the budget page alike: the ranges a user may set, checked
 * in one place, and every change audited as {@code budget.update}.
 */
@Service
public class BudgetChanges {

    /** The ranges a user may set (the API's Bean Validation and the budget page both use them). */
    public static final String MIN_ALERT = "0.01";
    public static final String MAX_ALERT = "100000";
    public static final String MIN_CAP = "0.0001";
    public static final String MAX_SESSION_CAP = "100000";
    public static final String MAX_MONTHLY_CAP = "1000000";

    private final Budgets budgets;
    private final AuditLog audit;

    BudgetChanges(Budgets budgets, AuditLog audit) {
        this.budgets = budgets;
        this.audit = audit;
    }

    /**
     * Sets the user's alert amount and caps (a null one falls back to the operator's default); returns the rules now
     * in force.
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
        return budgets.of(userId);
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
}
