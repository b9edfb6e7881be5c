package com.byomlab.usage;

import java.math.BigDecimal;

/**
 * A user's spending rules in USD. The alert threshold always has a value (the operator's default,
 * $10 unless configured); each cap is optional (null = none).
 */
public record UserBudget(BigDecimal sessionAlertUsd, BigDecimal sessionCapUsd, BigDecimal monthlyCapUsd) {
}
