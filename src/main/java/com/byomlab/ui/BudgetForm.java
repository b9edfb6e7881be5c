package com.byomlab.ui;

import com.byomlab.usage.UserBudget;

import java.math.BigDecimal;

/**
 * The budget form: every field is text, so that a bad input ("ten", "1,5") binds, is named next to its field and is
 * shown back as typed instead of being lost. Empty means "the operator's default".
 */
record BudgetForm(String sessionAlertUsd, String sessionCapUsd, String monthlyCapUsd) {

    static BudgetForm of(UserBudget b) {
        return new BudgetForm(plain(b.sessionAlertUsd()), plain(b.sessionCapUsd()), plain(b.monthlyCapUsd()));
    }

    private static String plain(BigDecimal usd) {
        return usd == null ? "" : usd.stripTrailingZeros().toPlainString();
    }
}
