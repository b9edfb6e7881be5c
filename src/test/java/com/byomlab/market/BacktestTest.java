package com.byomlab.market;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BacktestTest {

    /*
     * SMA(2)/SMA(3) by hand, day index: close, fast, slow
     *  2: 10, 10,   10       both exist from here
     *  3: 12, 11,   10.67    fast crosses above -> buy at 12
     *  4: 14, 13,   12
     *  5: 13, 13.5, 13
     *  6:  9, 11,   12       fast below -> sell at 9 (-25 %)
     *  7:  8,  8.5, 10
     *  8: 10,  9,    9       equal: no cross yet
     *  9: 12, 11,   10       crosses above -> buy at 12
     * 10: 15, 13.5, 12.33    still in on the last day -> valued at 15 (+25 %)
     * Equity 1, 1, 14/12, 13/12, 0.75, 0.75, 0.75, 0.75, 0.9375: peak 7/6, trough 0.75 -> drawdown 5/14.
     */
    private static final double[] CLOSES = {10, 10, 10, 12, 14, 13, 9, 8, 10, 12, 15};

    @Test
    void crossoverTradesAndReturnsAreTheHandCheckedOnes() {
        Backtest.Result r = Backtest.movingAverageCrossover(TestBars.of(CLOSES), 2, 3);

        assertThat(r.trades()).containsExactly(
                new Backtest.Trade(TestBars.day(3), 12, TestBars.day(6), 9, -0.25, false),
                new Backtest.Trade(TestBars.day(9), 12, TestBars.day(10), 15, 0.25, true));
        assertThat(r.numberOfTrades()).isEqualTo(2);
        assertThat(r.winRate()).isEqualTo(0.5);
        assertThat(r.totalReturn()).isCloseTo(0.75 * 1.25 - 1, within(1e-12));
        assertThat(r.buyAndHoldReturn()).isCloseTo(0.5, within(1e-12));
        assertThat(r.maxDrawdown()).isCloseTo(5.0 / 14, within(1e-12));
        assertThat(r.from()).isEqualTo(TestBars.day(0));
        assertThat(r.to()).isEqualTo(TestBars.day(10));
    }

    @Test
    void noCrossMeansNoTradesAndNoDrawdown() {
        // fast is above slow from the first day both exist: that is not a cross, so nothing is bought
        Backtest.Result r = Backtest.movingAverageCrossover(TestBars.of(1, 2, 3, 4, 5, 6), 2, 3);
        assertThat(r.trades()).isEmpty();
        assertThat(r.winRate()).isZero();
        assertThat(r.totalReturn()).isZero();
        assertThat(r.maxDrawdown()).isZero();
        assertThat(r.buyAndHoldReturn()).isCloseTo(5, within(1e-12));
    }

    @Test
    void periodsAndDataLengthAreValidated() {
        List<PriceBar> bars = TestBars.of(CLOSES);
        assertThatThrownBy(() -> Backtest.movingAverageCrossover(bars, 5, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The fast period must be shorter than the slow one, got fast 5 and slow 5.");
        assertThatThrownBy(() -> Backtest.movingAverageCrossover(bars, 0, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Backtest.movingAverageCrossover(bars, 3, 11))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Backtest SMA(3)/SMA(11) crossover needs at least 12 closes, got 11.");
    }
}
