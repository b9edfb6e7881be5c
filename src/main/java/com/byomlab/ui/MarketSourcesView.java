package com.byomlab.ui;

import com.byomlab.market.MarketSources;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The administrators' market data page: the collector's settings and state, coverage per coin, runs, issues. */
record MarketSourcesView(boolean enabled, String source, String baseUrl, String coins, String checkEvery,
                         int historyDays, String instance, String pausedUntil, String pauseReason, String leaseHolder,
                         String lastRun, List<CoinRow> coverage, List<RunRow> runs, List<IssueRow> issues) {

    record CoinRow(String symbol, String name, String range, int days, int missingDays, String sources, String pair,
                   String nextDate, long refused, long repaired, String lastSuccess, String lastError) {
    }

    record RunRow(String started, String instance, String outcome, int requests, int stored, int refused,
                  String message) {
    }

    record IssueRow(String seen, String coin, String date, String kind, String detail) {
    }

    static MarketSourcesView of(MarketSources.Status s) {
        return new MarketSourcesView(s.enabled(), s.source(), s.baseUrl(), String.join(", ", s.coins()),
                Duration.ofSeconds(s.checkIntervalSeconds()).toString().substring(2).toLowerCase(java.util.Locale.ROOT),
                s.historyDays(), s.thisInstance().id(),
                s.thisInstance().pausedUntil() == null ? null : Format.time(s.thisInstance().pausedUntil()),
                s.thisInstance().pauseReason(),
                s.lease() == null ? "nobody (free)" : s.lease().owner() + " until " + Format.time(s.lease().expiresAt()),
                s.lastRun() == null ? "never" : Format.time(s.lastRun().startedAt()) + " · " + s.lastRun().outcome(),
                s.coverage().stream().map(MarketSourcesView::coin).toList(),
                s.recentRuns().stream().map(r -> new RunRow(Format.time(r.startedAt()), r.instance(),
                        r.outcome() == null ? "running" : r.outcome(), r.requests(), r.barsStored(), r.barsRefused(),
                        r.message())).toList(),
                s.issues().stream().map(i -> new IssueRow(Format.time(i.seenAt()), i.symbol() + " (" + i.source() + ")",
                        i.date().toString(), i.kind(), i.detail())).toList());
    }

    private static CoinRow coin(MarketSources.CoinStatus c) {
        return new CoinRow(c.symbol(), c.name(), c.firstDate() == null ? "no bars" : c.firstDate() + " to " + c.lastDate(),
                c.days(), c.missingDays(), c.sources().stream().map(sp -> sp.description() + " (" + sp.days() + ")")
                        .collect(Collectors.joining("; ")),
                c.collected() ? c.pair() : "—", c.nextDate() == null ? "—" : c.nextDate().toString(), c.barsRefused(),
                c.barsRepaired(), c.collected() ? Format.time(c.lastSuccessAt()) : "—",
                c.lastError() == null ? "" : c.lastError() + " (" + Format.time(c.lastErrorAt()) + ")");
    }
}
