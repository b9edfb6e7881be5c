package com.byomlab.market;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sample loaded at start-up, read back through the public API. Same context as the API tests. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MarketDataTest {

    private static final List<String> SAMPLE = List.of("ADA", "BTC", "DOGE", "ETH", "SOL", "XRP");
    private static final LocalDate FIRST = LocalDate.of(2024, 12, 1);
    private static final LocalDate LAST = LocalDate.of(2026, 11, 30);

    @Autowired
    MarketData market;
    @Autowired
    SampleDataLoader loader;
    @Autowired
    MarketRepository repository;

    @Test
    void theSyntheticSampleIsLoadedAtStartUp() {
        List<Coin> sample = market.listCoins().stream().filter(c -> SAMPLE.contains(c.symbol())).toList();
        assertThat(sample).extracting(Coin::symbol).containsExactlyElementsOf(SAMPLE);
        for (Coin coin : sample) {
            assertThat(coin.days()).as(coin.symbol()).isEqualTo(730);
            assertThat(coin.firstDate()).isEqualTo(FIRST);
            assertThat(coin.lastDate()).isEqualTo(LAST);
            assertThat(coin.source()).startsWith("SYNTHETIC, not real market prices");
        }
        assertThat(sample).filteredOn(c -> c.symbol().equals("BTC")).extracting(Coin::name).containsExactly("Bitcoin");
    }

    @Test
    void everyStoredSampleBarIsConsistent() {
        for (String symbol : SAMPLE) {
            List<PriceBar> bars = market.history(symbol, null, null);
            assertThat(bars).hasSize(730);
            for (int i = 0; i < bars.size(); i++) {
                PriceBar b = bars.get(i);
                assertThat(b.date()).isEqualTo(FIRST.plusDays(i)); // one per day, no gaps, oldest first
                assertThat(b.low()).as("%s %s", symbol, b.date()).isPositive()
                        .isLessThanOrEqualTo(Math.min(b.open(), b.close()));
                assertThat(b.high()).as("%s %s", symbol, b.date()).isGreaterThanOrEqualTo(Math.max(b.open(), b.close()));
                assertThat(b.volume()).as("%s %s", symbol, b.date()).isPositive();
            }
        }
    }

    @Test
    void loadingAgainChangesNothing() throws Exception {
        int before = repository.countBars("BTC");
        assertThat(loader.load()).isZero();
        assertThat(repository.countBars("BTC")).isEqualTo(before).isEqualTo(730);
    }

    @Test
    void historyIsInclusiveAndSymbolsAreCaseInsensitive() {
        List<PriceBar> week = market.history(" btc ", LocalDate.of(2026, 11, 24), LAST);
        assertThat(week).hasSize(7);
        assertThat(week.get(0).date()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(market.latest("Btc")).get().extracting(PriceBar::date).isEqualTo(LAST);
        // the exact bundled numbers survive the NUMERIC round trip
        assertThat(market.history("BTC", FIRST, FIRST)).containsExactly(
                new PriceBar(FIRST, 96000.00, 103566.20, 95463.42, 102691.19, 732548.55));
        assertThat(market.history("BTC", LocalDate.of(2030, 1, 1), null)).isEmpty();
        assertThatThrownBy(() -> market.history("BTC", LAST, FIRST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after");
    }

    @Test
    void anUnknownSymbolNamesTheAvailableOnes() {
        assertThatThrownBy(() -> market.history("NOPE", null, null))
                .isInstanceOfSatisfying(UnknownSymbolException.class, e -> {
                    assertThat(e.symbol()).isEqualTo("NOPE");
                    assertThat(e.available()).containsAll(SAMPLE);
                })
                .hasMessageStartingWith("Unknown symbol 'NOPE'. Available symbols: ")
                .hasMessageContaining("ADA, BTC, DOGE, ETH");
        assertThatThrownBy(() -> market.latest("")).isInstanceOf(UnknownSymbolException.class);
    }

    @Test
    void indicatorsRunOnStoredData() {
        List<PriceBar> btc = market.history("BTC", null, null);
        assertThat(Indicators.rsi(btc)).hasSize(730 - 14).allSatisfy(p -> assertThat(p.value()).isBetween(0.0, 100.0));
        assertThat(Indicators.volatility(btc).annualised()).isBetween(0.3, 0.7); // generated with 50 %/yr
        Backtest.Result r = Backtest.movingAverageCrossover(btc, 20, 50);
        assertThat(r.numberOfTrades()).isPositive();
        assertThat(Comparison.compare(java.util.Map.of("BTC", btc, "ETH", market.history("ETH", null, null)))
                .correlations().get(0).coefficient()).isBetween(0.4, 0.9); // market factor 0.85 x 0.80
    }
}
