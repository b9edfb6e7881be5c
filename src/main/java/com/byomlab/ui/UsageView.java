package com.byomlab.ui;

import com.byomlab.llm.Provider;
import com.byomlab.usage.UsageReports;
import com.byomlab.usage.UsageReports.DailySpend;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The usage page's figures: totals, one table per grouping, and the chart's data (cost per day and model). A cost
 * with unknown parts is never shown as a plain figure: "unknown" when nothing could be priced, and the count of
 * unpriced calls beside a total that lacks some.
 */
record UsageView(String totalCost, boolean costComplete, long calls, long unpricedCalls, List<Row> byDay,
                 List<Row> byProvider, List<Row> byModel, List<Row> byDayAndModel, String chartJson) {

    /** A table row: what it groups by, and the sums. */
    record Row(String name, long calls, long failedCalls, long inputTokens, long outputTokens, String cost,
               long unpricedCalls, long cachedInputTokens, long cacheWriteTokens, String cacheSaving,
               long cacheWrite1hTokens, long reasoningTokens, long longContextCalls, String costNotes) {
    }

    private record Chart(String title, String unit, List<String> dates, List<PriceChart.Series> series) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static UsageView of(List<DailySpend> rows, LocalDate from, LocalDate to) {
        long unpriced = rows.stream().mapToLong(DailySpend::unpricedCalls).sum();
        return new UsageView(Format.usd(UsageReports.knownTotal(rows.stream().map(DailySpend::costUsd).toList())),
                unpriced == 0, rows.stream().mapToLong(DailySpend::calls).sum(), unpriced,
                group(rows, d -> d.day().toString(), true), group(rows, d -> providerName(d.provider()), false),
                group(rows, d -> providerName(d.provider()) + " · " + d.model(), false),
                group(rows, d -> d.day() + " · " + providerName(d.provider()) + " · " + d.model(), true),
                rows.isEmpty() ? null : JSON.writeValueAsString(chart(rows, from, to)));
    }

    public boolean empty() {
        return calls == 0;
    }

    private static List<Row> group(List<DailySpend> rows, Function<DailySpend, String> key, boolean newestFirst) {
        Map<String, List<DailySpend>> groups = newestFirst ? new TreeMap<>(java.util.Comparator.reverseOrder())
                : new LinkedHashMap<>();
        rows.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        List<Row> out = new ArrayList<>();
        groups.forEach((name, g) -> out.add(new Row(name, g.stream().mapToLong(DailySpend::calls).sum(),
                g.stream().mapToLong(DailySpend::failedCalls).sum(), g.stream().mapToLong(DailySpend::inputTokens).sum(),
                g.stream().mapToLong(DailySpend::outputTokens).sum(),
                Format.usd(UsageReports.knownTotal(g.stream().map(DailySpend::costUsd).toList())),
                g.stream().mapToLong(DailySpend::unpricedCalls).sum(),
                g.stream().mapToLong(DailySpend::cachedInputTokens).sum(),
                g.stream().mapToLong(DailySpend::cacheWriteTokens).sum(),
                saving(g), g.stream().mapToLong(DailySpend::cacheWrite1hTokens).sum(),
                g.stream().mapToLong(DailySpend::reasoningTokens).sum(),
                g.stream().mapToLong(DailySpend::longContextCalls).sum(),
                String.join("; ", g.stream().flatMap(d -> d.costNotes().stream()).distinct().limit(3).toList()))));
        return out;
    }

    /** What caching saved; a dash where nothing was read from or written to a cache (there was nothing to save). */
    private static String saving(List<DailySpend> group) {
        if (group.stream().allMatch(d -> d.cachedInputTokens() == 0 && d.cacheWriteTokens() == 0)) {
            return "—";
        }
        return Format.usd(group.stream().map(DailySpend::cacheSavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    /** Every day of the period on the axis (zero where nothing ran), one stacked series per provider · model. */
    private static Chart chart(List<DailySpend> rows, LocalDate from, LocalDate to) {
        List<String> dates = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            dates.add(d.toString());
        }
        Map<String, double[]> bySeries = new LinkedHashMap<>();
        for (DailySpend r : rows) {
            double[] values = bySeries.computeIfAbsent(providerName(r.provider()) + " · " + r.model(),
                    k -> new double[dates.size()]);
            int i = dates.indexOf(r.day().toString());
            if (i >= 0 && r.costUsd() != null) { // an unknown cost cannot be drawn; the tables say "unknown"
                values[i] += r.costUsd().doubleValue();
            }
        }
        List<PriceChart.Series> series = new ArrayList<>();
        bySeries.forEach((name, v) -> series.add(new PriceChart.Series(name,
                java.util.Arrays.stream(v).boxed().toList())));
        return new Chart("Spend per day (USD)", "USD", dates, series);
    }

    private static String providerName(String id) {
        return Provider.fromId(id).map(Provider::displayName).orElse(id);
    }
}
