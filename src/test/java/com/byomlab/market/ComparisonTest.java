package com.byomlab.market;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ComparisonTest {

    @Test
    void statsAndCorrelationsOverTheCommonDates() {
        Map<String, List<PriceBar>> bars = new LinkedHashMap<>();
        // AAA has one day more than the others, before the common window: it must be ignored
        bars.put("AAA", TestBars.from(TestBars.day(-1), 50, 100, 120, 90, 108));
        bars.put("TWICE", TestBars.of(200, 240, 180, 216));          // 2 x AAA: same returns
        bars.put("INVERSE", TestBars.of(100, 100.0 / 1.2, 100.0 / 0.9, 100.0 / 1.08)); // returns of 1/AAA
        bars.put("FLAT", TestBars.of(5, 5, 5, 5));

        Comparison.Result r = Comparison.compare(bars);

        assertThat(r.days()).isEqualTo(4);
        assertThat(r.from()).isEqualTo(TestBars.day(0));
        assertThat(r.to()).isEqualTo(TestBars.day(3));
        Comparison.CoinStats a = r.coins().get(0);
        assertThat(a.symbol()).isEqualTo("AAA");
        assertThat(a.firstClose()).isEqualTo(100);
        assertThat(a.totalReturn()).isCloseTo(0.08, within(1e-12));      // 108 / 100 - 1
        assertThat(a.maxDrawdown()).isCloseTo(0.25, within(1e-12));      // 120 -> 90
        assertThat(a.dailyVolatility()).isEqualTo(r.coins().get(1).dailyVolatility(), within(1e-12));
        assertThat(a.annualisedVolatility()).isCloseTo(a.dailyVolatility() * Math.sqrt(365), within(1e-12));
        assertThat(r.coins().get(3).dailyVolatility()).isZero();

        assertThat(r.correlations()).extracting(Comparison.Correlation::first, Comparison.Correlation::second)
                .hasSize(6).first().isEqualTo(org.assertj.core.groups.Tuple.tuple("AAA", "TWICE"));
        assertThat(r.correlations().get(0).coefficient()).isCloseTo(1, within(1e-9));
        assertThat(r.correlations().get(1).coefficient()).isCloseTo(-1, within(1e-9)); // AAA-INVERSE
        assertThat(r.correlations().get(2).coefficient()).isNull();                   // AAA-FLAT: undefined
    }

    @Test
    void needsTwoSymbolsAndEnoughCommonDates() {
        assertThatThrownBy(() -> Comparison.compare(Map.of("A", TestBars.of(1, 2, 3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Comparison needs at least 2 symbols, got 1.");
        Map<String, List<PriceBar>> apart = new LinkedHashMap<>();
        apart.put("A", TestBars.of(1, 2, 3));
        apart.put("B", TestBars.from(TestBars.day(2), 1, 2, 3));
        assertThatThrownBy(() -> Comparison.compare(apart))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Comparison needs at least 3 dates that all symbols have, got 1.");
    }
}
