package com.byomlab.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A spending alert. Kinds: {@code session_cost_threshold} (a session passed the alert amount),
 * {@code session_cap_reached}, {@code monthly_cap_reached}. {@code webhookStatus}: not_configured,
 * pending, delivered, failed.
 */
public record UsageAlert(long id, UUID userId, UUID sessionId, String kind, BigDecimal thresholdUsd,
                         BigDecimal amountUsd, String message, String webhookStatus, Instant createdAt) {
}
