package com.byomlab.market;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the bars of one coin in a window came from: each source with its days, and how many calendar days in
 * the window have no bar at all (gaps are left empty, never filled in).
 */
public record DataProvenance(String symbol, LocalDate from, LocalDate to, int days, int missingDays,
                             List<BarSources.Span> sources) {

    static DataProvenance of(String symbol, LocalDate from, LocalDate to, List<BarSources.Span> sources) {
        int days = sources.stream().mapToInt(BarSources.Span::days).sum();
        int span = from == null || to == null ? 0 : (int) ChronoUnit.DAYS.between(from, to) + 1;
        return new DataProvenance(symbol, from, to, days, Math.max(0, span - days), List.copyOf(sources));
    }

    /** In words: the one source, or each with its share of the days. */
    public String summary() {
        if (sources.isEmpty()) {
            return "no data";
        }
        if (sources.size() == 1) {
            return sources.get(0).description();
        }
        return sources.stream().map(s -> s.description() + " (" + s.days() + " days, " + s.firstDate() + " to "
                + s.lastDate() + ")").collect(Collectors.joining("; "));
    }
}
