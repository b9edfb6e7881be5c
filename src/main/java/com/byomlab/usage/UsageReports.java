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
     * when none is (unknown, never a silent zero). {@code cachedInputTokens} were read from a prompt cache,
     * {@code cacheWriteTokens} written to one ({@code cacheWrite1hTokens} of them for one hour); {@code cacheSavingUsd}
     * is what caching saved on the priced calls; {@code longContextCalls} were priced at a long-context tier;
     * {@code costNotes} say why costs are unknown.
     */
    public record DailySpend(LocalDate day, String provider, String model, long calls, long failedCalls,
                             long inputTokens, long outputTokens, BigDecimal costUsd, long unpricedCalls,
                             long cachedInputTokens, long cacheWriteTokens, BigDecimal cacheSavingUsd,
                             long cacheWrite1hTokens, long reasoningTokens, long longContextCalls,
                             List<String> costNotes) {

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

    /**
     * One user's calls over a period, every provider and model together: the administrators' view. {@code costUsd}
     * as in {@link DailySpend}.
     */
    public record UserTotal(UUID userId, long calls, long inputTokens, long outputTokens, BigDecimal costUsd,
                            long unpricedCalls) {
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
                        d.outputTokens(), d.costUsd(), d.unpricedCalls(), d.cachedInputTokens(), d.cacheWriteTokens(),
                        d.cacheSavingUsd(), d.cacheWrite1hTokens(), d.reasoningTokens(), d.longContextCalls(),
                        d.costNotes()))
                .toList();
    }

    /**
     * Every user's calls from {@code from} to {@code to} (inclusive UTC dates), the same figures as
     * {@code GET /api/v1/admin/usage} summed per user; the biggest spender first.
     */
    public List<UserTotal> everyone(LocalDate from, LocalDate to) {
        java.util.Map<UUID, List<UsageRepository.UserSpend>> byUser = new java.util.LinkedHashMap<>();
        writes.flush();
        usage.byUser(from.atStartOfDay().toInstant(ZoneOffset.UTC), to.plusDays(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC)).forEach(r -> byUser.computeIfAbsent(r.userId(), k -> new java.util.ArrayList<>())
                .add(r));
        return byUser.entrySet().stream().map(e -> new UserTotal(e.getKey(),
                        e.getValue().stream().mapToLong(UsageRepository.UserSpend::calls).sum(),
                        e.getValue().stream().mapToLong(UsageRepository.UserSpend::inputTokens).sum(),
                        e.getValue().stream().mapToLong(UsageRepository.UserSpend::outputTokens).sum(),
                        knownTotal(e.getValue().stream().map(UsageRepository.UserSpend::costUsd).toList()),
                        e.getValue().stream().mapToLong(UsageRepository.UserSpend::unpricedCalls).sum()))
                .sorted(java.util.Comparator.comparing((UserTotal t) -> t.costUsd() == null ? BigDecimal.ZERO : t.costUsd())
                        .reversed().thenComparing(t -> t.userId().toString()))
                .toList();
    }

    /** The newest alerts first. */
    public List<UsageAlert> alerts(UUID userId, int limit) {
        return alerts.alerts(userId, limit);
    }
}
