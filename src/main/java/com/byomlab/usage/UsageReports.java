package com.byomlab.usage;

import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Read-only spend and alerts of one user, for pages: the same figures as {@code GET …/usage} and {@code …/alerts}. */
@Service
public class UsageReports {

    /**
     * One UTC day's calls on one provider and model; {@code costUsd} sums the calls whose cost is known, and is null
     * when none is (unknown, never a silent zero).
     */
    public record DailySpend(LocalDate day, String provider, String model, long calls, long failedCalls,
                             long inputTokens, long outputTokens, BigDecimal costUsd, long unpricedCalls) {

        public boolean costComplete() {
            return unpricedCalls == 0;
        }
    }

    /**
     * The sum of amounts of which some may be unknown (null): the known ones added up, or null when there are
     * amounts and none is known. An empty list is a true zero.
     */
    public static BigDecimal knownTotal(List<BigDecimal> amounts) {
        return amounts.stream().filter(java.util.Objects::nonNull).reduce(BigDecimal::add)
                .orElse(amounts.isEmpty() ? BigDecimal.ZERO : null);
    }

    private final UsageRepository usage;
    private final UsageWrites writes;
    private final BudgetRepository alerts;

    UsageReports(UsageRepository usage, UsageWrites writes, BudgetRepository alerts) {
        this.usage = usage;
        this.writes = writes;
        this.alerts = alerts;
    }

    /** Spend from {@code from} to {@code to}, both inclusive UTC dates, oldest first. */
    public List<DailySpend> daily(UUID userId, LocalDate from, LocalDate to) {
        writes.flush(); // the calls made up to now, whether or not their rows were stored yet
        return usage.daily(userId, from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)).stream()
                .map(d -> new DailySpend(d.day(), d.provider(), d.model(), d.calls(), d.failedCalls(), d.inputTokens(),
                        d.outputTokens(), d.costUsd(), d.unpricedCalls()))
                .toList();
    }

    /** The newest alerts first. */
    public List<UsageAlert> alerts(UUID userId, int limit) {
        return alerts.alerts(userId, limit);
    }
}
