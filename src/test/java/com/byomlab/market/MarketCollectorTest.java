package com.byomlab.market;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.fakes.FakeBinance;
import com.byomlab.testsupport.fakes.FakeCoinbase;
import com.byomlab.testsupport.fakes.FakeExchange;
import com.byomlab.testsupport.fakes.FakeExchange.Spoil;
import com.byomlab.testsupport.fakes.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static com.byomlab.market.CollectorFixture.NOW;
import static com.byomlab.market.CollectorFixture.TODAY;
import static com.byomlab.market.CollectorFixture.YESTERDAY;
import static com.byomlab.market.CollectorFixture.freshCoin;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector against fakes that speak Binance's and Coinbase's documented formats: backfill across pages,
 * the daily catch-up, rate limits honoured, a refused location, a restart in the middle of a backfill, bad bars
 * refused or repaired and recorded. Each test collects its own coins, so the shared database's other data is
 * untouched.
 */
class MarketCollectorTest extends ApiIntegrationTest {

    static final FakeBinance BINANCE = FakeBinance.start();
    static final FakeCoinbase COINBASE = FakeCoinbase.start();

    @Autowired
    CollectorRepository state;
    @Autowired
    MarketRepository bars;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    CoinList coinList;
    @Autowired
    MarketData market;

    CollectorFixture f;

    @BeforeEach
    void fresh() {
        BINANCE.reset();
        COINBASE.reset();
        f = new CollectorFixture(state, bars, tx, coinList, jdbc);
    }

    @AfterEach
    void freeTheLease() {
        jdbc.update("UPDATE market_collector_lease SET owner = NULL, expires_at = NULL");
    }

    @Test
    void binanceBackfillsAcrossPagesThenKeepsUpOnceADay() throws Exception {
        String coin = freshCoin();
        BINANCE.list(coin + "USDT", LocalDate.of(2015, 1, 1));
        MarketCollector collector = f.collector(CollectorFixture.binance(BINANCE, List.of(coin), 2500, 1000),
                "instance-" + coin);
        assertThat(collector.due()).isTrue();

        MarketCollector.RunResult run = collector.runOnce();

        assertThat(run.outcome()).as(run.message()).isEqualTo("ok");
        LocalDate start = TODAY.minusDays(2500);
        assertThat(BINANCE.requests()).extracting(FakeBinance::window).containsExactly(
                start + ".." + start.plusDays(999), start.plusDays(1000) + ".." + start.plusDays(1999),
                start.plusDays(2000) + ".." + YESTERDAY);
        RecordedRequest first = BINANCE.requests().get(0);
        assertThat(first.path()).isEqualTo("/api/v3/klines");
        assertThat(first.query()).startsWith("symbol=" + coin + "USDT&interval=1d&startTime=" + FakeBinance.millis(start))
                .endsWith("&limit=1000");
        assertThat(first.header("user-agent")).hasValue(ExchangeHttp.USER_AGENT);
        assertThat(first.headers().keySet()).noneMatch(h -> h.contains("key") || h.equals("authorization"));

        assertThat(f.stored(coin)).isEqualTo(2500);
        assertThat(f.duplicates(coin)).isEmpty();
        assertThat(f.sources(coin)).containsExactly("binance:" + coin + "USDT");
        PriceBar last = market.latest(coin).orElseThrow();
        assertThat(last.date()).isEqualTo(YESTERDAY); // today's unfinished bar is never stored
        FakeExchange.Bar sent = FakeExchange.price(coin + "USDT", YESTERDAY);
        assertThat(BigDecimal.valueOf(last.close())).isEqualByComparingTo(sent.close());
        assertThat(market.listCoins()).filteredOn(c -> c.symbol().equals(coin)).singleElement()
                .satisfies(c -> assertThat(c.source()).isEqualTo("Binance spot " + coin + "USDT daily klines (UTC days)"));
        assertThat(f.issues(coin)).isEmpty();
        assertThat(collector.due()).isFalse(); // nothing more until tomorrow

        f.clock.advance(Duration.ofDays(1));
        BINANCE.today(TODAY.plusDays(1));
        assertThat(collector.due()).isTrue();
        assertThat(collector.runOnce().outcome()).isEqualTo("ok");
        assertThat(BINANCE.requests()).hasSize(4);
        assertThat(FakeBinance.window(BINANCE.requests().get(3))).isEqualTo(TODAY + ".." + TODAY);
        assertThat(f.stored(coin)).isEqualTo(2501);
        assertThat(runOf("instance-" + coin).barsStored()).isEqualTo(1);
    }

    @Test
    void coinbasePagesAre300DaysNewestFirstAndCandlesBeforeTheStartAreDropped() throws Exception {
        String coin = freshCoin();
        COINBASE.precedeStart().list(coin + "-USD", LocalDate.of(2015, 1, 1));
        MarketCollector collector = f.collector(CollectorFixture.coinbase(COINBASE, List.of(coin), 700), "a");

        MarketCollector.RunResult run = collector.runOnce();

        assertThat(run.outcome()).as(run.message()).isEqualTo("ok");
        LocalDate start = TODAY.minusDays(700);
        assertThat(COINBASE.requests()).extracting(FakeCoinbase::window).containsExactly(
                start + ".." + start.plusDays(299), start.plusDays(300) + ".." + start.plusDays(599),
                start.plusDays(600) + ".." + YESTERDAY);
        assertThat(COINBASE.requests().get(0).requestLine()).isEqualTo("/products/" + coin + "-USD/candles?granularity=86400"
                + "&start=" + start + "T00:00:00Z&end=" + start.plusDays(299) + "T23:59:59Z");
        assertThat(f.stored(coin)).isEqualTo(700);
        assertThat(f.duplicates(coin)).isEmpty();
        assertThat(f.issues(coin)).isEmpty(); // newest first is the documented order, not a repair
        assertThat(market.history(coin, start, start).get(0).open())
                .isEqualTo(Double.parseDouble(FakeExchange.price(coin + "-USD", start).open()));
        assertThat(market.latest(coin).orElseThrow().date()).isEqualTo(YESTERDAY);
    }

    @Test
    void aCoinListedAfterTheHistoryStartIsBackfilledFromItsFirstDayWithoutAGap() throws Exception {
        String coin = freshCoin();
        LocalDate listed = TODAY.minusDays(40);
        COINBASE.list(coin + "-USD", listed);
        assertThat(f.collector(CollectorFixture.coinbase(COINBASE, List.of(coin), 700), "a").runOnce().outcome())
                .isEqualTo("ok");
        assertThat(f.stored(coin)).isEqualTo(40);
        assertThat(market.history(coin, null, null).get(0).date()).isEqualTo(listed);
        assertThat(f.issues(coin)).isEmpty();
    }

    @Test
    void binanceRateLimitsAreHonoured() throws Exception {
        String coin = freshCoin();
        BINANCE.list(coin + "USDT", LocalDate.of(2015, 1, 1));
        BINANCE.enqueue(429, "{\"code\":-1003,\"msg\":\"Too many requests.\"}", "Retry-After", "1");
        BINANCE.reportWeight(5990); // past the budget of 1000: wait for the next minute after each page
        MarketCollector collector = f.collector(CollectorFixture.binance(BINANCE, List.of(coin), 1500, 1000), "a");

        MarketCollector.RunResult run = collector.runOnce();

        assertThat(run.outcome()).as(run.message()).isEqualTo("ok");
        assertThat(BINANCE.requests()).hasSize(3); // the 429, then the same first page again, then the second
        assertThat(FakeBinance.window(BINANCE.requests().get(0))).isEqualTo(FakeBinance.window(BINANCE.requests().get(1)));
        // 1 s as Retry-After asked; then, after each page, until the next minute (06:00:00 + 0.5 s here)
        assertThat(f.sleeper.deliberate()).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(60_500),
                Duration.ofMillis(60_500));
        assertThat(f.stored(coin)).isEqualTo(1500);
    }

    @Test
    void aRetryAfterLongerThanTheMaximumWaitPausesInsteadOfHoldingTheLease() throws Exception {
        String coin = freshCoin();
        COINBASE.list(coin + "-USD", LocalDate.of(2015, 1, 1));
        COINBASE.enqueue(429, "{\"message\":\"Public rate limit exceeded\"}", "Retry-After", "600");
        MarketCollector.RunResult run = f.collector(CollectorFixture.coinbase(COINBASE, List.of(coin), 30), "a").runOnce();

        assertThat(run.outcome()).isEqualTo("paused");
        assertThat(run.pauseUntil()).isEqualTo(NOW.plusSeconds(600));
        assertThat(run.message()).contains("HTTP 429").contains("600 s");
        assertThat(COINBASE.requests()).hasSize(1);
        assertThat(state.lease()).isEmpty(); // released for an instance that may not be rate-limited
    }

    @Test
    void coinbase429WithoutRetryAfterBacksOffAndTriesAgain() throws Exception {
        String coin = freshCoin();
        COINBASE.list(coin + "-USD", LocalDate.of(2015, 1, 1));
        COINBASE.enqueue(429, "{\"message\":\"Public rate limit exceeded\"}")
                .enqueue(429, "{\"message\":\"Public rate limit exceeded\"}");
        MarketCollector.RunResult run = f.collector(CollectorFixture.coinbase(COINBASE, List.of(coin), 30), "a").runOnce();

        assertThat(run.outcome()).as(run.message()).isEqualTo("ok");
        assertThat(f.sleeper.deliberate()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(COINBASE.requests()).hasSize(3);
        assertThat(f.stored(coin)).isEqualTo(30);
    }

    @Test
    void binance451SaysThatTheLocationIsRefusedAndAsksNothingMore() throws Exception {
        String coin = freshCoin();
        String other = freshCoin();
        BINANCE.list(coin + "USDT", LocalDate.of(2015, 1, 1)).list(other + "USDT", LocalDate.of(2015, 1, 1));
        BINANCE.enqueue(451, "{\"code\":0,\"msg\":\"Service unavailable from a restricted location according to "
                + "'b. Eligibility' in https://www.binance.com/en/terms. Please contact customer service if you "
                + "believe you received this message in error.\"}");
        MarketCollector.RunResult run = f.collector(CollectorFixture.binance(BINANCE, List.of(coin, other), 30, 1000),
                "instance-" + coin).runOnce();

        assertThat(run.outcome()).isEqualTo("paused");
        assertThat(run.message()).contains("Binance refuses requests from this machine's location (HTTP 451")
                .contains("byom.market.source=coinbase");
        assertThat(run.pauseUntil()).isEqualTo(NOW.plus(Exchange.LOCATION_PAUSE));
        assertThat(BINANCE.requests()).hasSize(1); // no retry, and not the next coin either
        assertThat(state.progress("binance", coin).orElseThrow().lastError()).contains("HTTP 451");
        assertThat(runOf("instance-" + coin).outcome()).isEqualTo("paused");
        assertThat(f.stored(coin)).isZero();
    }

    @Test
    void binance418IsABanUntilItsRetryAfter() throws Exception {
        String coin = freshCoin();
        BINANCE.list(coin + "USDT", LocalDate.of(2015, 1, 1));
        BINANCE.enqueue(418, "{\"code\":-1003,\"msg\":\"Way too many requests; IP banned.\"}", "Retry-After", "7200");
        MarketCollector.RunResult run = f.collector(CollectorFixture.binance(BINANCE, List.of(coin), 30, 1000), "a")
                .runOnce();
        assertThat(run.outcome()).isEqualTo("paused");
        assertThat(run.pauseUntil()).isEqualTo(NOW.plusSeconds(7200));
        assertThat(run.message()).contains("banned this machine's IP address").contains("HTTP 418");
        assertThat(BINANCE.requests()).hasSize(1);
    }

    @Test
    void anUnknownPairFailsThatCoinOnlyAndSaysWhatToCheck() throws Exception {
        String known = freshCoin();
        BINANCE.list(known + "USDT", LocalDate.of(2015, 1, 1));
        MarketCollector.RunResult run = f.collector(CollectorFixture.binance(BINANCE, List.of("NOSUCH", known), 10, 1000),
                "a").runOnce();
        assertThat(run.outcome()).isEqualTo("partial");
        assertThat(state.progress("binance", "NOSUCH").orElseThrow().lastError())
                .isEqualTo("Binance has no spot pair NOSUCHUSDT (\"Invalid symbol.\"). Check byom.market.coins and "
                        + "byom.market.binance.quote.");
        assertThat(f.stored(known)).isEqualTo(10);
    }

    @Test
    void aRestartInTheMiddleOfABackfillResumesWhereItStopped() throws Exception {
        String coin = freshCoin();
        BINANCE.list(coin + "USDT", LocalDate.of(2015, 1, 1));
        CollectorProperties settings = CollectorFixture.binance(BINANCE, List.of(coin), 1500, 500);
        LocalDate start = TODAY.minusDays(1500);
        // the first page arrives, then the exchange fails on every try of the second: the run stops there
        BINANCE.failFrom(2, 500, "{\"code\":-1000,\"msg\":\"An unknown error occurred while processing the request.\"}");
        MarketCollector.RunResult stopped = f.collector(settings, "instance-before-restart").runOnce();
        assertThat(stopped.outcome()).isEqualTo("failed");
        assertThat(stopped.message()).contains("answered HTTP 500").contains("the next check tries again");
        assertThat(f.stored(coin)).isEqualTo(500);
        assertThat(state.progress("binance", coin).orElseThrow().nextDate()).isEqualTo(start.plusDays(500));

        // the instance died holding the lease: its successor waits for the lease to expire, then carries on
        jdbc.update("UPDATE market_collector_lease SET owner = 'instance-before-restart', expires_at = ?",
                CollectorRepository.utc(NOW.plus(Duration.ofMinutes(10))));
        BINANCE.reset().list(coin + "USDT", LocalDate.of(2015, 1, 1));
        MarketCollector restarted = f.collector(settings, "instance-after-restart");
        assertThat(restarted.runOnce().outcome()).isEqualTo("not_our_turn");
        assertThat(BINANCE.requests()).isEmpty();
        f.clock.advance(Duration.ofMinutes(11));

        MarketCollector.RunResult resumed = restarted.runOnce();

        assertThat(resumed.outcome()).as(resumed.message()).isEqualTo("ok");
        assertThat(BINANCE.requests()).extracting(FakeBinance::window).containsExactly(
                start.plusDays(500) + ".." + start.plusDays(999), start.plusDays(1000) + ".." + YESTERDAY);
        assertThat(f.stored(coin)).isEqualTo(1500);
        assertThat(f.duplicates(coin)).isEmpty();
        assertThat(f.issues(coin)).isEmpty();
        assertThat(state.progress("binance", coin).orElseThrow().barsStored()).isEqualTo(1500);
    }

    @Test
    void badBarsAreRefusedOrRepairedAndEachIsRecorded() throws Exception {
        String coin = freshCoin();
        LocalDate d = TODAY.minusDays(20);
        BINANCE.list(coin + "USDT", LocalDate.of(2015, 1, 1)).reversed()
                .spoil(d.plusDays(1), Spoil.ZERO_PRICE).spoil(d.plusDays(2), Spoil.NEGATIVE_PRICE)
                .spoil(d.plusDays(3), Spoil.HIGH_BELOW_LOW).spoil(d.plusDays(4), Spoil.NOT_A_NUMBER)
                .spoil(d.plusDays(6), Spoil.MISSING).spoil(d.plusDays(7), Spoil.MISSING)
                .spoil(d.plusDays(9), Spoil.DUPLICATE).spoil(d.plusDays(11), Spoil.DUPLICATE_DIFFERENT);

        MarketCollector.RunResult run = f.collector(CollectorFixture.binance(BINANCE, List.of(coin), 20, 1000), "a")
                .runOnce();

        assertThat(run.outcome()).as(run.message()).isEqualTo("ok");
        assertThat(run.message()).contains(coin + ": 13 stored, 6 refused, 2 repaired");
        List<LocalDate> stored = market.history(coin, null, null).stream().map(PriceBar::date).toList();
        assertThat(stored).hasSize(13).isSorted().contains(d.plusDays(9))
                .doesNotContain(d.plusDays(1), d.plusDays(2), d.plusDays(3), d.plusDays(4), d.plusDays(6),
                        d.plusDays(7), d.plusDays(11));
        assertThat(f.issues(coin)).containsExactly(
                "refused " + d.plusDays(1) + ": open price must be greater than 0, got 0",
                "refused " + d.plusDays(2) + ": low price must be greater than 0, got -1.5",
                "refused " + d.plusDays(3) + ": high " + FakeExchange.price(coin + "USDT", d.plusDays(3)).low()
                        + " is below low " + FakeExchange.price(coin + "USDT", d.plusDays(3)).high(),
                "refused " + d.plusDays(4) + ": close is not a number: '12,5'",
                "missing " + d.plusDays(6) + ": 2 day(s) with no bar from the exchange (" + d.plusDays(6) + " to "
                        + d.plusDays(7) + "); left empty, not filled in",
                "repaired " + d.plusDays(9) + ": sent 2 times with the same prices; stored once",
                "refused " + d.plusDays(11) + ": sent 2 times with different prices; none stored",
                "repaired " + d.plusDays(18) + ": bars arrived out of order (the exchange documents oldest first); "
                        + "sorted by date");
        CollectorRepository.Progress p = state.progress("binance", coin).orElseThrow();
        assertThat(p.barsRefused()).isEqualTo(6);
        assertThat(p.barsRepaired()).isEqualTo(2);
        DataProvenance provenance = market.provenance(coin, d.plusDays(1), YESTERDAY);
        assertThat(provenance.missingDays()).isEqualTo(7); // refused and missing days are gaps, never filled in
    }

    @Test
    void aSyntheticSampleCoinTurnsIntoRealPricesAndTheSyntheticOnesGo() throws Exception {
        String coin = freshCoin();
        bars.insertCoinIfAbsent(coin, "Sample coin", "SYNTHETIC, not real market prices: test", Instant.now());
        bars.insertBars(coin, List.of(new CsvBar(LocalDate.of(2024, 1, 1), BigDecimal.ONE, BigDecimal.valueOf(2),
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.TEN)), BarSources.SAMPLE);
        COINBASE.list(coin + "-USD", LocalDate.of(2015, 1, 1));

        MarketCollector.RunResult run = f.collector(CollectorFixture.coinbase(COINBASE, List.of(coin), 30), "a").runOnce();

        assertThat(run.message()).contains("1 synthetic sample bars removed");
        assertThat(f.sources(coin)).containsExactly("coinbase:" + coin + "-USD");
        assertThat(f.stored(coin)).isEqualTo(30);
        Coin c = market.listCoins().stream().filter(x -> x.symbol().equals(coin)).findFirst().orElseThrow();
        assertThat(c.source()).isEqualTo("Coinbase Exchange " + coin + "-USD daily candles (UTC days)");
        assertThat(c.name()).isEqualTo("Sample coin");
    }

    /** The latest run of one instance (the shared database holds other tests' runs, at other test times). */
    private CollectorRepository.Run runOf(String instance) {
        return state.recentRuns(1000).stream().filter(r -> r.instance().equals(instance)).findFirst().orElseThrow();
    }
}
