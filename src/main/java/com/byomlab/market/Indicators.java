package com.byomlab.market;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Technical indicators over daily closes. Pure functions: bars in (oldest first), records out, one
 * point per day on which the indicator is defined. Argument errors are {@link IllegalArgumentException}s
 * whose messages can be shown to a model as they are. Nothing is rounded here; presentation rounds.
 */
public final class Indicators {

    /** Days per year for annualising: crypto trades every day. */
    public static final int TRADING_DAYS_PER_YEAR = 365;

    public record Point(LocalDate date, double value) {
    }

    public record MacdPoint(LocalDate date, double macd, double signal, double histogram) {
    }

    /**
     * Standard deviation (sample, n−1) of daily log returns over {@code from..to}, and the same scaled
     * by √365.
     */
    public record Volatility(LocalDate from, LocalDate to, int returns, double daily, double annualised) {
    }

    private Indicators() {
    }

    /** Simple moving average: the mean of the last {@code period} closes. */
    public static List<Point> sma(List<PriceBar> bars, int period) {
        checkPeriod("SMA", period);
        double[] closes = closes(bars);
        need("SMA(" + period + ")", period, closes.length);
        return points(bars, sma(closes, period));
    }

    /**
     * Exponential moving average with α = 2/(period+1), seeded with the SMA of the first
     * {@code period} closes (the StockCharts convention), so its first value is on the same day as the SMA's.
     */
    public static List<Point> ema(List<PriceBar> bars, int period) {
        checkPeriod("EMA", period);
        double[] closes = closes(bars);
        need("EMA(" + period + ")", period, closes.length);
        return points(bars, ema(closes, period));
    }

    /** RSI(14). */
    public static List<Point> rsi(List<PriceBar> bars) {
        return rsi(bars, 14);
    }

    /**
     * Relative strength index with Wilder's smoothing: the first average gain and loss are plain means
     * over {@code period} changes, then avg = (previous × (period−1) + current) / period. 100 when there
     * were no losses, 50 when the price did not move at all.
     */
    public static List<Point> rsi(List<PriceBar> bars, int period) {
        checkPeriod("RSI", period);
        double[] closes = closes(bars);
        need("RSI(" + period + ")", period + 1, closes.length);
        return points(bars, rsi(closes, period));
    }

    /** MACD(12, 26, 9). */
    public static List<MacdPoint> macd(List<PriceBar> bars) {
        return macd(bars, 12, 26, 9);
    }

    /**
     * MACD line = EMA(fast) − EMA(slow); signal = EMA(signal) of the MACD line; histogram = MACD − signal.
     * Points start on the first day all three exist, i.e. after {@code slow + signal − 1} closes.
     */
    public static List<MacdPoint> macd(List<PriceBar> bars, int fast, int slow, int signal) {
        checkPeriod("MACD fast", fast);
        checkPeriod("MACD slow", slow);
        checkPeriod("MACD signal", signal);
        if (fast >= slow) {
            throw new IllegalArgumentException("MACD needs fast < slow, got fast " + fast + " and slow " + slow + ".");
        }
        double[] closes = closes(bars);
        need("MACD(" + fast + "," + slow + "," + signal + ")", slow + signal - 1, closes.length);
        double[] fastEma = ema(closes, fast);
        double[] slowEma = ema(closes, slow);
        double[] line = new double[slowEma.length];
        int shift = slow - fast; // fastEma starts earlier than slowEma
        for (int i = 0; i < line.length; i++) {
            line[i] = fastEma[i + shift] - slowEma[i];
        }
        double[] signalLine = ema(line, signal);
        int offset = bars.size() - signalLine.length;
        List<MacdPoint> out = new ArrayList<>(signalLine.length);
        for (int i = 0; i < signalLine.length; i++) {
            double macd = line[i + signal - 1];
            out.add(new MacdPoint(bars.get(offset + i).date(), macd, signalLine[i], macd - signalLine[i]));
        }
        return out;
    }

    /** Volatility of daily log returns over all the bars given; needs at least 3 closes. */
    public static Volatility volatility(List<PriceBar> bars) {
        double[] closes = closes(bars);
        need("Volatility", 3, closes.length);
        double daily = stdev(logReturns(closes));
        return new Volatility(bars.get(0).date(), bars.get(bars.size() - 1).date(), closes.length - 1, daily,
                daily * Math.sqrt(TRADING_DAYS_PER_YEAR));
    }

    // ---- array versions, shared with Backtest and Comparison; result i belongs to input i + (n − result.length)

    static double[] sma(double[] x, int period) {
        double[] out = new double[x.length - period + 1];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i];
            if (i >= period) {
                sum -= x[i - period];
            }
            if (i >= period - 1) {
                out[i - period + 1] = sum / period;
            }
        }
        return out;
    }

    static double[] ema(double[] x, int period) {
        double[] out = new double[x.length - period + 1];
        double alpha = 2.0 / (period + 1);
        double seed = 0;
        for (int i = 0; i < period; i++) {
            seed += x[i];
        }
        out[0] = seed / period;
        for (int i = 1; i < out.length; i++) {
            out[i] = alpha * x[i + period - 1] + (1 - alpha) * out[i - 1];
        }
        return out;
    }

    static double[] rsi(double[] x, int period) {
        double[] out = new double[x.length - period];
        double gain = 0;
        double loss = 0;
        for (int i = 1; i <= period; i++) {
            double change = x[i] - x[i - 1];
            gain += Math.max(change, 0);
            loss += Math.max(-change, 0);
        }
        gain /= period;
        loss /= period;
        out[0] = rsi(gain, loss);
        for (int i = period + 1; i < x.length; i++) {
            double change = x[i] - x[i - 1];
            gain = (gain * (period - 1) + Math.max(change, 0)) / period;
            loss = (loss * (period - 1) + Math.max(-change, 0)) / period;
            out[i - period] = rsi(gain, loss);
        }
        return out;
    }

    private static double rsi(double avgGain, double avgLoss) {
        if (avgLoss == 0) {
            return avgGain == 0 ? 50 : 100;
        }
        return 100 - 100 / (1 + avgGain / avgLoss);
    }

    static double[] logReturns(double[] closes) {
        double[] r = new double[closes.length - 1];
        for (int i = 1; i < closes.length; i++) {
            r[i - 1] = Math.log(closes[i] / closes[i - 1]);
        }
        return r;
    }

    /** Sample standard deviation (n − 1). */
    static double stdev(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double squares = 0;
        for (double v : x) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (x.length - 1));
    }

    /** Largest fall from a running peak, as a positive fraction (0.25 = −25 %). */
    static double maxDrawdown(double[] values) {
        double peak = values[0];
        double worst = 0;
        for (double v : values) {
            peak = Math.max(peak, v);
            worst = Math.max(worst, 1 - v / peak);
        }
        return worst;
    }

    /** Closes of bars that must be oldest first, one per day, with positive prices. */
    static double[] closes(List<PriceBar> bars) {
        if (bars == null) {
            throw new IllegalArgumentException("No price bars were given.");
        }
        double[] closes = new double[bars.size()];
        for (int i = 0; i < closes.length; i++) {
            PriceBar bar = bars.get(i);
            if (i > 0 && !bar.date().isAfter(bars.get(i - 1).date())) {
                throw new IllegalArgumentException("Price bars must be in date order without repeats; "
                        + bar.date() + " follows " + bars.get(i - 1).date() + ".");
            }
            if (!(bar.close() > 0)) {
                throw new IllegalArgumentException("Close on " + bar.date() + " is not a positive price.");
            }
            closes[i] = bar.close();
        }
        return closes;
    }

    static void checkPeriod(String name, int period) {
        if (period < 2) {
            throw new IllegalArgumentException(name + " period must be at least 2, got " + period + ".");
        }
    }

    static void need(String what, int needed, int got) {
        if (got < needed) {
            throw new IllegalArgumentException(what + " needs at least " + needed + " closes, got " + got + ".");
        }
    }

    private static List<Point> points(List<PriceBar> bars, double[] values) {
        int offset = bars.size() - values.length;
        List<Point> out = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            out.add(new Point(bars.get(offset + i).date(), values[i]));
        }
        return out;
    }
}
