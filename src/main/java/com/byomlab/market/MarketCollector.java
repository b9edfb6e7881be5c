package com.byomlab.market;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Collects daily bars of the configured coins from one exchange. A run takes the database lease (so one instance
 * collects at a time), then for each coin asks for the days it lacks, page by page from where the last page
 * stopped (kept in market_collection, so a restart resumes there), checks each page ({@link BarCheck}) and stores
 * it in one transaction with its progress and issues, renewing the lease in that same transaction. Only finished
 * UTC days are asked for: today's bar is still moving.
 */
final class MarketCollector {

    /** Days older than this that the exchange did not send are not asked for again. */
    static final int SETTLE_DAYS = 3;
    static final int MAX_PAGES_PER_COIN = 200;
    private static final Logger log = LoggerFactory.getLogger(MarketCollector.class);
    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("BTC", "Bitcoin"),
            Map.entry("ETH", "Ethereum"), Map.entry("SOL", "Solana"), Map.entry("XRP", "XRP"),
            Map.entry("ADA", "Cardano"), Map.entry("DOGE", "Dogecoin"), Map.entry("LTC", "Litecoin"),
            Map.entry("DOT", "Polkadot"), Map.entry("AVAX", "Avalanche"), Map.entry("LINK", "Chainlink"),
            Map.entry("BNB", "BNB"), Map.entry("TRX", "TRON"));

    /**
     * @param outcome    ok (every coin caught up), partial (some coins failed), failed (the run stopped), paused
     *                   (the exchange asked this instance to stay away until {@code pauseUntil}), lease_lost
     *                   (another instance took over mid-run), not_our_turn (another instance holds the lease); a
     *                   run cut short by shutting down is recorded as stopped
     * @param barsStored bars written by this run
     */
    record RunResult(String outcome, String message, Instant pauseUntil, int barsStored) {
    }

    /** This instance's lease was taken over (it was silent for longer than the lease): store nothing more. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("lease lost", null, false, false);
        }
    }

    private final CollectorProperties settings;
    private final Exchange exchange;
    private final CollectorRepository state;
    private final MarketRepository bars;
    private final TransactionTemplate tx;
    private final CoinList coinList;
    private final Clock clock;
    private final String instanceId;

    MarketCollector(CollectorProperties settings, Exchange exchange, CollectorRepository state, MarketRepository bars,
                    TransactionTemplate tx, CoinList coinList, Clock clock, String instanceId) {
        this.settings = settings;
        this.exchange = exchange;
        this.state = state;
        this.bars = bars;
        this.tx = tx;
        this.coinList = coinList;
        this.clock = clock;
        this.instanceId = instanceId;
    }

    String instanceId() {
        return instanceId;
    }

    /**
     * Whether a run has anything to do: a coin never collected, or one that lacks finished days and has not
     * succeeded yet today (a coin whose exchange has no newer bar yet waits for tomorrow; one that failed is
     * tried again at the next check).
     */
    boolean due() {
        LocalDate today = today();
        Instant startOfToday = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        for (String coin : settings.coins()) {
            Optional<CollectorRepository.Progress> p = state.progress(exchange.id(), coin);
            if (p.isEmpty() || !p.get().pair().equals(exchange.pair(coin))) {
                return true;
            }
            if (p.get().nextDate().isBefore(today)
                    && (p.get().lastSuccessAt() == null || p.get().lastSuccessAt().isBefore(startOfToday))) {
                return true;
            }
        }
        return false;
    }

    RunResult runOnce() throws InterruptedException {
        Instant now = clock.instant();
        if (!state.acquireLease(instanceId, now, now.plus(settings.lease()))) {
            String owner = state.lease().map(CollectorRepository.Lease::owner).orElse("another instance");
            return new RunResult("not_our_turn", "Another instance (" + owner + ") holds the collector lease.", null, 0);
        }
        UUID run = state.startRun(exchange.id(), instanceId, now);
        int requestsBefore = exchange.http().requests();
        Totals totals = new Totals();
        String outcome = "ok";
        Instant pauseUntil = null;
        try {
            for (String coin : settings.coins()) {
                try {
                    collect(coin, totals);
                } catch (CollectorException e) {
                    if (e.scope == CollectorException.Scope.LEASE) {
                        totals.note(e.getMessage());
                        outcome = "lease_lost";
                        log.warn("Market data collection from {} stopped: {}", exchange.id(), e.getMessage());
                        break;
                    }
                    totals.note(coin + ": " + e.getMessage());
                    recordError(coin, e.getMessage());
                    if (e.scope == CollectorException.Scope.COIN) {
                        log.warn("Market data for {} from {} not collected: {}", coin, exchange.id(), e.getMessage());
                        outcome = "partial";
                        continue;
                    }
                    outcome = e.scope == CollectorException.Scope.PAUSE ? "paused" : "failed";
                    pauseUntil = e.pauseUntil;
                    log.error("Market data collection from {} stopped: {}", exchange.id(), e.getMessage());
                    break;
                }
            }
        } catch (InterruptedException e) {
            outcome = "stopped";
            totals.note("stopped: the service is shutting down (what was stored is kept; the next run resumes)");
            throw e;
        } finally {
            int requests = exchange.http().requests() - requestsBefore;
            try {
                state.finishRun(run, clock.instant(), outcome, requests, totals.stored, totals.refused,
                        totals.message());
            } finally {
                state.releaseLease(instanceId);
            }
        }
        if (totals.stored > 0 || totals.refused > 0) {
            log.info("Market data from {}: {} bar(s) stored, {} refused ({})", exchange.id(), totals.stored,
                    totals.refused, totals.message());
        }
        return new RunResult(outcome, totals.message(), pauseUntil, totals.stored);
    }

    private void collect(String coin, Totals totals) throws CollectorException, InterruptedException {
        String pair = exchange.pair(coin);
        String barSource = exchange.barSource(pair);
        LocalDate today = today();
        LocalDate yesterday = today.minusDays(1);
        Optional<CollectorRepository.Progress> progress = state.progress(exchange.id(), coin);
        LocalDate next = progress.isPresent() && progress.get().pair().equals(pair) ? progress.get().nextDate()
                : today.minusDays(settings.historyDays());
        LocalDate previous = bars.lastBarDate(coin, barSource, next).orElse(null);
        for (int page = 0; !next.isAfter(yesterday) && page < MAX_PAGES_PER_COIN; page++) {
            LocalDate to = next.plusDays(exchange.pageDays() - 1L);
            if (to.isAfter(yesterday)) {
                to = yesterday;
            }
            BarCheck.Checked checked = BarCheck.check(exchange.fetch(pair, next, to), next, to, previous,
                    exchange.order());
            LocalDate after = checked.lastSeen() == null ? next : checked.lastSeen().plusDays(1);
            if (to.isBefore(today.minusDays(SETTLE_DAYS))) {
                after = to.plusDays(1); // days this old that are not there now will not come: a gap, not a wait
            }
            store(coin, pair, barSource, checked, after, totals);
            if (checked.lastSeen() != null && (previous == null || checked.lastSeen().isAfter(previous))) {
                previous = checked.lastSeen();
            }
            if (!after.isAfter(next)) {
                break; // the exchange has nothing newer yet
            }
            next = after;
        }
        state.markSuccess(exchange.id(), coin, clock.instant());
    }

    private void store(String coin, String pair, String barSource, BarCheck.Checked checked, LocalDate after,
                       Totals totals) throws CollectorException {
        int[] removedSample = {0};
        try {
            tx.executeWithoutResult(status -> {
                Instant now = clock.instant();
                if (!state.renewLease(instanceId, now.plus(settings.lease()))) {
                    throw new LeaseLost();
                }
                String description = BarSources.describe(barSource);
                bars.insertCoinIfAbsent(coin, NAMES.getOrDefault(coin, coin), description, now);
                String coinSource = bars.lockCoinSource(coin).orElseThrow();
                if (!coinSource.startsWith(description)) {
                    // real prices from now on: synthetic ones must not be mixed in (imported rows stay, and say so)
                    removedSample[0] = bars.deleteBarsFrom(coin, List.of(BarSources.SAMPLE, BarSources.UNKNOWN));
                    bars.updateSource(coin, description + (bars.hasBarsFrom(coin, BarSources.CSV)
                            ? "; some " + PriceImporter.IMPORT_MARK : ""));
                }
                if (!checked.bars().isEmpty()) {
                    bars.deleteBars(coin, checked.bars()); // a day stored before (another source) is replaced
                    bars.insertBars(coin, checked.bars(), barSource);
                }
                state.insertIssues(exchange.id(), coin, checked.issues(), now);
                state.saveProgress(exchange.id(), coin, pair, after, checked.bars().size(), checked.refused(),
                        checked.repaired(), now);
            });
        } catch (LeaseLost e) {
            throw new CollectorException(CollectorException.Scope.LEASE, "This instance lost the collector lease (it "
                    + "was silent for longer than byom.market.lease); the instance that holds it now carries on.", null);
        } finally {
            coinList.changed();
        }
        totals.add(coin, checked.bars().size(), checked.refused(), checked.repaired(), removedSample[0]);
    }

    private void recordError(String coin, String message) {
        String pair = exchange.pair(coin);
        LocalDate next = state.progress(exchange.id(), coin).map(CollectorRepository.Progress::nextDate)
                .orElse(today().minusDays(settings.historyDays()));
        state.recordError(exchange.id(), coin, pair, next, message, clock.instant());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** What a run did, per coin, for the run record and the log. */
    private static final class Totals {
        int stored;
        int refused;
        private final Map<String, int[]> perCoin = new java.util.LinkedHashMap<>();
        private final List<String> notes = new ArrayList<>();

        void add(String coin, int stored, int refused, int repaired, int removedSample) {
            this.stored += stored;
            this.refused += refused;
            int[] c = perCoin.computeIfAbsent(coin, k -> new int[4]);
            c[0] += stored;
            c[1] += refused;
            c[2] += repaired;
            c[3] += removedSample;
        }

        void note(String note) {
            notes.add(note);
        }

        String message() {
            List<String> parts = new ArrayList<>();
            perCoin.forEach((coin, c) -> parts.add(coin + ": " + c[0] + " stored"
                    + (c[1] > 0 ? ", " + c[1] + " refused" : "") + (c[2] > 0 ? ", " + c[2] + " repaired" : "")
                    + (c[3] > 0 ? ", " + c[3] + " synthetic sample bars removed" : "")));
            parts.addAll(notes);
            return parts.isEmpty() ? "nothing new" : String.join("; ", parts);
        }
    }
}
