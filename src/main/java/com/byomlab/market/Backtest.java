package com.byomlab.market;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Long-only moving-average crossover on daily closes: buy at the close of the day the fast SMA crosses
 * above the slow SMA, sell at the close of the day it falls below. No fees or slippage, fully invested
 * while in, so the total return is the product of the trade returns. Returns and drawdowns are fractions
 * (0.12 = +12 %).
 */
public final class Backtest {

    /**
     * One round trip. {@code closedAtEnd} marks a position still open on the last day, valued at that
     * day's close.
     */
    public record Trade(LocalDate entryDate, double entryPrice, LocalDate exitDate, double exitPrice,
                        double tradeReturn, boolean closedAtEnd) {
    }

    /**
     * {@code buyAndHoldReturn} is last close / first close − 1 over the same bars; {@code maxDrawdown} is
     * the strategy's worst fall from a running peak of its daily equity; {@code winRate} is the share of
     * trades with a gain, 0 when there were no trades.
     */
    public record Result(int fast, int slow, LocalDate from, LocalDate to, List<Trade> trades, int numberOfTrades,
                         double winRate, double totalReturn, double buyAndHoldReturn, double maxDrawdown) {
    }

    private Backtest() {
    }

    public static Result movingAverageCrossover(List<PriceBar> bars, int fast, int slow) {
        if (fast < 1) {
            throw new IllegalArgumentException("The fast period must be at least 1, got " + fast + ".");
        }
        if (fast >= slow) {
            throw new IllegalArgumentException("The fast period must be shorter than the slow one, got fast "
                    + fast + " and slow " + slow + ".");
        }
        double[] close = Indicators.closes(bars);
        // one day more than the slow SMA needs, so that a cross can be seen
        Indicators.need("Backtest SMA(" + fast + ")/SMA(" + slow + ") crossover", slow + 1, close.length);
        double[] fastSma = Indicators.sma(close, fast);
        double[] slowSma = Indicators.sma(close, slow);
        int start = slow - 1; // first day both averages exist

        List<Trade> trades = new ArrayList<>();
        double[] equity = new double[close.length - start];
        equity[0] = 1;
        boolean in = false;
        int entry = -1;
        for (int t = start + 1; t < close.length; t++) {
            int e = t - start;
            equity[e] = in ? equity[e - 1] * close[t] / close[t - 1] : equity[e - 1];
            double f = fastSma[t - fast + 1];
            double s = slowSma[t - slow + 1];
            boolean wasAbove = fastSma[t - fast] > slowSma[t - slow];
            if (!in && !wasAbove && f > s) {
                in = true;
                entry = t;
            } else if (in && f < s) {
                in = false;
                trades.add(trade(bars, close, entry, t, false));
            }
        }
        if (in) {
            trades.add(trade(bars, close, entry, close.length - 1, true));
        }
        long wins = trades.stream().filter(tr -> tr.tradeReturn() > 0).count();
        return new Result(fast, slow, bars.get(0).date(), bars.get(bars.size() - 1).date(), List.copyOf(trades),
                trades.size(), trades.isEmpty() ? 0 : (double) wins / trades.size(),
                equity[equity.length - 1] - 1, close[close.length - 1] / close[0] - 1,
                Indicators.maxDrawdown(equity));
    }

    private static Trade trade(List<PriceBar> bars, double[] close, int entry, int exit, boolean atEnd) {
        return new Trade(bars.get(entry).date(), close[entry], bars.get(exit).date(), close[exit],
                close[exit] / close[entry] - 1, atEnd);
    }
}
