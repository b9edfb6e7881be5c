package com.byomlab.ui;

import com.byomlab.usage.UserBudget;

/** The user's alert amount and caps, in words ("none" for a cap that is not set). */
record BudgetView(String sessionAlert, String sessionCap, String monthlyCap) {

    static BudgetView of(UserBudget b) {
        return new BudgetView(Format.usd(b.sessionAlertUsd()), b.sessionCapUsd() == null ? "none" : Format.usd(b.sessionCapUsd()),
                b.monthlyCapUsd() == null ? "none" : Format.usd(b.monthlyCapUsd()));
    }
}
