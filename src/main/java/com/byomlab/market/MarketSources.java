package com.byomlab.market;

import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What administrators see of the market data: the configured source and coins, every coin's coverage by source
 * (with the days missing), the collector's progress and last error per coin, its recent runs, who holds the
 * lease, and the latest refused, repaired or missing bars.
 */
@Service
public class MarketSources {

    static final int RUNS_SHOWN = 10;
    static final int ISSUES_SHOWN = 50;

    public record Status(boolean enabled, String source, String baseUrl, List<String> coins, long checkIntervalSeconds,
                         int historyDays, ThisInstance thisInstance, Lease lease, Run lastRun, List<Run> recentRuns,
                         List<CoinStatus> coverage, List<Issue> issues) {
    }

    /** This instance: its id, and whether the exchange told it to stay away until some time. */
    public record ThisInstance(String id, Instant pausedUntil, String pauseReason) {
    }

    public record Lease(String owner, Instant expiresAt) {
    }

    public record Run(String source, String instance, Instant startedAt, Instant finishedAt, String outcome,
                      int requests, int barsStored, int barsRefused, String message) {
    }

    /**
     * A coin's stored days (all sources) and, when the configured source collects it, how far that got.
     * {@code missingDays}: days between its first and last bar that have none.
     */
    public record CoinStatus(String symbol, String name, LocalDate firstDate, LocalDate lastDate, int days,
                             int missingDays, List<BarSources.Span> sources, boolean collected, String pair,
                             LocalDate nextDate, long barsRefused, long barsRepaired, Instant lastSuccessAt,
                             String lastError, Instant lastErrorAt) {
    }

    public record Issue(String source, String symbol, LocalDate date, String kind, String detail, Instant seenAt) {
    }

    private final CollectorProperties settings;
    private final CollectorSchedule schedule;
    private final CollectorRepository state;
    private final MarketRepository repository;

    MarketSources(CollectorProperties settings, CollectorSchedule schedule, CollectorRepository state,
                  MarketRepository repository) {
        this.settings = settings;
        this.schedule = schedule;
        this.state = state;
        this.repository = repository;
    }

    public Status status() {
        Map<String, List<BarSources.Span>> spans = new LinkedHashMap<>();
        for (BarSources.CoinSpan c : repository.coverage()) {
            spans.computeIfAbsent(c.symbol(), k -> new ArrayList<>()).add(c.span());
        }
        Map<String, CollectorRepository.Progress> progress = new LinkedHashMap<>();
        for (CollectorRepository.Progress p : state.progress()) {
            if (p.source().equals(settings.source())) {
                progress.put(p.symbol(), p);
            }
        }
        List<CoinStatus> coverage = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Coin coin : repository.listCoins()) {
            seen.add(coin.symbol());
            coverage.add(coinStatus(coin.symbol(), coin.name(), spans.getOrDefault(coin.symbol(), List.of()),
                    progress.get(coin.symbol())));
        }
        for (CollectorRepository.Progress p : progress.values()) {
            if (!seen.contains(p.symbol())) { // asked for but never stored (e.g. the exchange does not know it)
                coverage.add(coinStatus(p.symbol(), p.symbol(), List.of(), p));
            }
        }
        List<Run> runs = state.recentRuns(RUNS_SHOWN).stream().map(r -> new Run(r.source(), r.instance(), r.startedAt(),
                r.finishedAt(), r.outcome(), r.requests(), r.barsStored(), r.barsRefused(), r.message())).toList();
        return new Status(settings.enabled(), settings.source(), settings.enabled() ? settings.baseUrl().toString() : null,
                settings.enabled() ? settings.coins() : List.of(), settings.checkInterval().toSeconds(),
                settings.historyDays(), new ThisInstance(schedule.instanceId(), schedule.pausedUntil(),
                schedule.pauseReason()),
                state.lease().map(l -> new Lease(l.owner(), l.expiresAt())).orElse(null),
                runs.isEmpty() ? null : runs.get(0), runs, coverage,
                state.recentIssues(ISSUES_SHOWN).stream().map(i -> new Issue(i.source(), i.symbol(), i.date(), i.kind(),
                        i.detail(), i.seenAt())).toList());
    }

    private static CoinStatus coinStatus(String symbol, String name, List<BarSources.Span> spans,
                                         CollectorRepository.Progress p) {
        LocalDate first = spans.stream().map(BarSources.Span::firstDate).min(LocalDate::compareTo).orElse(null);
        LocalDate last = spans.stream().map(BarSources.Span::lastDate).max(LocalDate::compareTo).orElse(null);
        int days = spans.stream().mapToInt(BarSources.Span::days).sum();
        int missing = first == null ? 0 : (int) (ChronoUnit.DAYS.between(first, last) + 1 - days);
        return new CoinStatus(symbol, name, first, last, days, Math.max(0, missing), List.copyOf(spans), p != null,
                p == null ? null : p.pair(), p == null ? null : p.nextDate(), p == null ? 0 : p.barsRefused(),
                p == null ? 0 : p.barsRepaired(), p == null ? null : p.lastSuccessAt(),
                p == null ? null : p.lastError(), p == null ? null : p.lastErrorAt());
    }
}
