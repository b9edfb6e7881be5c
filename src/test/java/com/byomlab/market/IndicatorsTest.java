package com.byomlab.market;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class IndicatorsTest {

    private static final double[] ONE_TO_TEN = IntStream.rangeClosed(1, 10).asDoubleStream().toArray();

    /**
     * StockCharts ChartSchool, "Relative Strength Index (RSI)", worksheet cs-rsi.xls: 33 closes and the
     * RSI(14) values they publish (two decimals), starting on the 15th close.
     */
    private static final double[] STOCKCHARTS_CLOSES = {44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264,
            45.0955, 45.4245, 45.8433, 46.0826, 45.8931, 46.0328, 45.6140, 46.2820, 46.2820, 46.0028, 46.0328,
            46.4116, 46.2222, 45.6439, 46.2122, 46.2521, 45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783,
            44.2181, 44.5672, 43.4205, 42.6628, 43.1314};
    private static final double[] STOCKCHARTS_RSI = {70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06,
            62.38, 54.71, 50.42, 39.99, 41.46, 41.87, 45.46, 37.30, 33.08, 37.77};

    @Test
    void smaOfOneToTenIsTheMiddleOfEachWindow() {
        List<Indicators.Point> sma = Indicators.sma(TestBars.of(ONE_TO_TEN), 3);
        // (1+2+3)/3 = 2 on day 3, ..., (8+9+10)/3 = 9 on day 10
        assertThat(TestBars.values(sma)).containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(sma.get(0).date()).isEqualTo(TestBars.day(2));
        assertThat(sma.get(7).date()).isEqualTo(TestBars.day(9));
        assertThat(TestBars.values(Indicators.sma(TestBars.of(ONE_TO_TEN), 10))).containsExactly(5.5);
    }

    @Test
    void emaIsSeededWithTheSmaThenSmoothedWithTwoOverNPlusOne() {
        // on a straight line the EMA(3) (alpha 1/2) lags by exactly one, like the SMA(3): 2, 3, ..., 9
        assertThat(TestBars.values(Indicators.ema(TestBars.of(ONE_TO_TEN), 3)))
                .containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
        // by hand: seed (10+11+12)/3 = 11; 14/2+11/2 = 12.5; 18/2+12.5/2 = 15.25; 10/2+15.25/2 = 12.625
        List<Indicators.Point> ema = Indicators.ema(TestBars.of(10, 11, 12, 14, 18, 10), 3);
        assertThat(TestBars.values(ema)).containsExactly(11, 12.5, 15.25, 12.625);
        assertThat(ema.get(0).date()).isEqualTo(TestBars.day(2));
        // alpha = 2/(4+1) = 0.4: seed 2.5 (mean of 1..4), then 0.4*5 + 0.6*2.5 = 3.5
        assertThat(TestBars.values(Indicators.ema(TestBars.of(ONE_TO_TEN), 4))[1]).isCloseTo(3.5, within(1e-12));
    }

    @Test
    void rsiMatchesTheStockChartsWorkedExample() {
        List<Indicators.Point> rsi = Indicators.rsi(TestBars.of(STOCKCHARTS_CLOSES));
        assertThat(rsi).hasSize(STOCKCHARTS_RSI.length);
        assertThat(rsi.get(0).date()).isEqualTo(TestBars.day(14)); // the 15th close
        for (int i = 0; i < STOCKCHARTS_RSI.length; i++) {
            assertThat(rsi.get(i).value()).as("RSI on day %d", i + 15).isCloseTo(STOCKCHARTS_RSI[i], within(0.005));
        }
    }

    @Test
    void rsiIsHundredWithoutLossesAndFiftyWithoutMovement() {
        assertThat(TestBars.values(Indicators.rsi(TestBars.of(ONE_TO_TEN), 5))).containsOnly(100);
        assertThat(TestBars.values(Indicators.rsi(TestBars.of(5, 5, 5, 5), 3))).containsExactly(50);
        // one fall among gains, by hand: gains 1,1 and loss 1 over 3 changes -> RS 2 -> RSI 66.67
        assertThat(TestBars.values(Indicators.rsi(TestBars.of(1, 2, 3, 2), 3))[0]).isCloseTo(200.0 / 3, within(1e-9));
    }

    @Test
    void macdIsTheDifferenceOfTwoEmasAndItsSignalAnEmaOfThat() {
        double[] closes = {10, 12, 11, 15, 14, 18, 17, 16, 20, 19, 22, 21};
        List<Indicators.MacdPoint> macd = Indicators.macd(TestBars.of(closes), 3, 5, 2);

        double[] fast = TestBars.values(Indicators.ema(TestBars.of(closes), 3)); // from day 3
        double[] slow = TestBars.values(Indicators.ema(TestBars.of(closes), 5)); // from day 5
        double[] line = new double[slow.length];
        for (int i = 0; i < line.length; i++) {
            line[i] = fast[i + 2] - slow[i];
        }
        // signal EMA(2): alpha 2/3, seeded with the mean of the first two MACD values
        double signal = (line[0] + line[1]) / 2;
        assertThat(macd).hasSize(line.length - 1);
        assertThat(macd.get(0).date()).isEqualTo(TestBars.day(5)); // 5 + 2 - 1 = 6th close
        for (int i = 0; i < macd.size(); i++) {
            if (i > 0) {
                signal = 2.0 / 3 * line[i + 1] + (1 - 2.0 / 3) * signal;
            }
            Indicators.MacdPoint p = macd.get(i);
            assertThat(p.macd()).isCloseTo(line[i + 1], within(1e-12));
            assertThat(p.signal()).isCloseTo(signal, within(1e-12));
            assertThat(p.histogram()).isCloseTo(line[i + 1] - signal, within(1e-12));
        }
    }

    @Test
    void defaultMacdNeedsThirtyFourCloses() {
        double[] closes = IntStream.rangeClosed(1, 34).mapToDouble(i -> 100 + Math.sin(i)).toArray();
        List<Indicators.MacdPoint> macd = Indicators.macd(TestBars.of(closes));
        assertThat(macd).hasSize(1);
        assertThat(macd.get(0).date()).isEqualTo(TestBars.day(33));
        assertThatThrownBy(() -> Indicators.macd(TestBars.of(STOCKCHARTS_CLOSES)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MACD(12,26,9) needs at least 34 closes, got 33.");
    }

    @Test
    void volatilityOfAConstantSeriesIsZero() {
        Indicators.Volatility v = Indicators.volatility(TestBars.of(7, 7, 7, 7, 7));
        assertThat(v.daily()).isZero();
        assertThat(v.annualised()).isZero();
        assertThat(v.returns()).isEqualTo(4);
    }

    @Test
    void volatilityIsTheSampleStdevOfLogReturnsAndScalesWithRootOf365() {
        // log returns +1 and -1: mean 0, sample variance (1 + 1) / (2 - 1) = 2
        Indicators.Volatility v = Indicators.volatility(TestBars.of(1, Math.E, 1));
        assertThat(v.daily()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(v.annualised()).isCloseTo(Math.sqrt(730), within(1e-9));
        assertThat(v.from()).isEqualTo(TestBars.day(0));
        assertThat(v.to()).isEqualTo(TestBars.day(2));
    }

    @Test
    void argumentErrorsSayWhatIsNeeded() {
        double[] ten = ONE_TO_TEN;
        assertThatThrownBy(() -> Indicators.rsi(TestBars.of(ten)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("RSI(14) needs at least 15 closes, got 10.");
        assertThatThrownBy(() -> Indicators.sma(TestBars.of(ten), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("SMA period must be at least 2, got 1.");
        assertThatThrownBy(() -> Indicators.ema(TestBars.of(ten), 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("EMA(11) needs at least 11 closes, got 10.");
        assertThatThrownBy(() -> Indicators.macd(TestBars.of(ten), 5, 5, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fast < slow");
        assertThatThrownBy(() -> Indicators.volatility(TestBars.of(1, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Volatility needs at least 3 closes, got 2.");
        List<PriceBar> backwards = List.of(TestBars.of(1, 2).get(1), TestBars.of(1, 2).get(0));
        assertThatThrownBy(() -> Indicators.sma(backwards, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("date order");
    }
}
