package com.byomlab.usage;

import com.byomlab.web.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;

/** The caller's own budget: alert amount and caps ({@link BudgetChanges} checks and audits a change). */
@RestController
class BudgetController {

    record BudgetRequest(
            @DecimalMin(value = BudgetChanges.MIN_ALERT, message = "must be at least " + BudgetChanges.MIN_ALERT)
            @DecimalMax(value = BudgetChanges.MAX_ALERT, message = "must be at most " + BudgetChanges.MAX_ALERT)
            BigDecimal sessionAlertUsd,
            @DecimalMin(value = BudgetChanges.MIN_CAP, message = "must be positive")
            @DecimalMax(value = BudgetChanges.MAX_SESSION_CAP, message = "must be at most "
                    + BudgetChanges.MAX_SESSION_CAP)
            BigDecimal sessionCapUsd,
            @DecimalMin(value = BudgetChanges.MIN_CAP, message = "must be positive")
            @DecimalMax(value = BudgetChanges.MAX_MONTHLY_CAP, message = "must be at most "
                    + BudgetChanges.MAX_MONTHLY_CAP)
            BigDecimal monthlyCapUsd) {
    }

    private final Budgets budgets;
    private final BudgetChanges changes;

    BudgetController(Budgets budgets, BudgetChanges changes) {
        this.budgets = budgets;
        this.changes = changes;
    }

    @GetMapping("/api/v1/users/me/budget")
    UserBudget budget(CurrentUser user) {
        return budgets.of(user.id());
    }

    /** Sets the user's alert amount and caps; a field left out (null) falls back to the operator's default. */
    @PutMapping("/api/v1/users/me/budget")
    UserBudget setBudget(CurrentUser user, @Valid @RequestBody BudgetRequest request) {
        return changes.update(user.id(), new UserBudget(request.sessionAlertUsd(), request.sessionCapUsd(),
                request.monthlyCapUsd()), user.clientAddress());
    }
}
