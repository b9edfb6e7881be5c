package com.byomlab.usage;

import com.byomlab.web.ApiProblem;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.byomlab.web.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

@RestController
class UsageController {

    /**
     * {@code totalCostUsd} sums the known costs: null when calls ran and none could be priced; see costComplete.
     * {@code totalCacheSavingUsd}: what prompt caching saved over the period, on the calls whose saving is known.
     */
    record UsageReport(LocalDate from, LocalDate to, @JsonInclude(JsonInclude.Include.ALWAYS) BigDecimal totalCostUsd,
                       boolean costComplete, long totalCalls, long unpricedCalls, List<UsageRepository.DailyUsage> rows,
                       long totalCachedInputTokens, BigDecimal totalCacheSavingUsd) {
    }

    private static final int MAX_DAYS = 366;
    private final UsageRepository usage;
    private final UsageWrites writes;
    private final Budgets budgets;
    private final BudgetRepository alerts;

    UsageController(UsageRepository usage, UsageWrites writes, Budgets budgets, BudgetRepository alerts) {
        this.usage = usage;
        this.writes = writes;
        this.budgets = budgets;
        this.alerts = alerts;
    }

    /** Spend by UTC day, provider and model; {@code from}/{@code to} are inclusive dates, default the last 30 days. */
    @GetMapping("/api/v1/users/me/usage")
    UsageReport usage(CurrentUser user,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate[] range = range(from, to);
        LocalDate start = range[0];
        LocalDate end = range[1];
        writes.flush(); // the calls made up to now, whether or not their rows were stored yet
        List<UsageRepository.DailyUsage> rows = usage.daily(user.id(), start.atStartOfDay().toInstant(ZoneOffset.UTC),
                end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        long unpriced = rows.stream().mapToLong(UsageRepository.DailyUsage::unpricedCalls).sum();
        return new UsageReport(start, end, UsageReports.knownTotal(rows.stream().map(UsageRepository.DailyUsage::costUsd)
                .toList()), unpriced == 0, rows.stream().mapToLong(UsageRepository.DailyUsage::calls).sum(), unpriced, rows,
                rows.stream().mapToLong(UsageRepository.DailyUsage::cachedInputTokens).sum(),
                rows.stream().map(UsageRepository.DailyUsage::cacheSavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    /** Administrators (role ADMIN, enforced for /api/v1/admin/** by the security chain) see every user's spend. */
    @GetMapping("/api/v1/admin/usage")
    List<UsageRepository.UserSpend> everyone(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate[] range = range(from, to);
        writes.flush();
        return usage.byUser(range[0].atStartOfDay().toInstant(ZoneOffset.UTC),
                range[1].plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /**
     * The inclusive report window, the last 30 days by default. Dates outside years 1970–9999 are refused before any
     * arithmetic: the far ends of LocalDate ({@code to=-999999999-01-01}) overflow when a default {@code from} is
     * derived from them, and no call was ever metered there.
     */
    private static LocalDate[] range(LocalDate from, LocalDate to) {
        for (LocalDate d : new LocalDate[] {from, to}) {
            if (d != null && (d.getYear() < 1970 || d.getYear() > 9999)) {
                throw ApiProblem.badRequest("invalid_date_range", "Dates must lie in the years 1970 to 9999. Dates "
                        + "are ISO, e.g. from=2026-11-01&to=2026-11-30.");
            }
        }
        LocalDate end = to != null ? to : LocalDate.now(ZoneOffset.UTC);
        LocalDate start = from != null ? from : end.minusDays(29);
        if (start.isAfter(end) || ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw ApiProblem.badRequest("invalid_date_range", "'from' must not be after 'to', and the range is at most "
                    + MAX_DAYS + " days. Dates are ISO, e.g. from=2026-11-01&to=2026-11-30.");
        }
        return new LocalDate[] {start, end};
    }

    @GetMapping("/api/v1/users/me/alerts")
    List<UsageAlert> alerts(CurrentUser user) {
        return alerts.alerts(user.id(), 200);
    }
}
