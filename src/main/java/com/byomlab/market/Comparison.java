package com.byomlab.market;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares coins over the dates they all have (so that returns and correlations cover the same days):
 * total return, volatility and max drawdown per coin, and the Pearson correlation of daily log returns
 * for every pair.
 */
public final class Comparison {

    public static final int MAX_SYMBOLS = 20;

    public record CoinStats(String symbol, double firstClose, double lastClose, double totalReturn,
                            double dailyVolatility, double annualisedVolatility, double maxDrawdown) {
    }

    /** {@code coefficient} is null when a coin's price never moved (correlation is undefined). */
    public record Correlation(String first, String second, Double coefficient) {
    }

    /** {@code days} is the number of common dates used. */
    public record Result(LocalDate from, LocalDate to, int days, List<CoinStats> coins,
                         List<Correlation> correlations) {
    }

    private Comparison() {
    }

    /**
     * @param barsBySymbol bars per symbol, oldest first; the result keeps the map's iteration order
     */
    public static Result compare(Map<String, List<PriceBar>> barsBySymbol) {
        if (barsBySymbol == null || barsBySymbol.size() < 2) {
            throw new IllegalArgumentException("Comparison needs at least 2 symbols, got "
                    + (barsBySymbol == null ? 0 : barsBySymbol.size()) + ".");
        }
        if (barsBySymbol.size() > MAX_SYMBOLS) {
            throw new IllegalArgumentException("Comparison takes at most " + MAX_SYMBOLS + " symbols, got "
                    + barsBySymbol.size() + ".");
        }
        TreeSet<LocalDate> common = null;
        Map<String, Map<LocalDate, Double>> closes = new LinkedHashMap<>();
        for (var entry : barsBySymbol.entrySet()) {
            Indicators.closes(entry.getValue()); // validates order and prices
            Map<LocalDate, Double> byDate = new LinkedHashMap<>();
            entry.getValue().forEach(b -> byDate.put(b.date(), b.close()));
            closes.put(entry.getKey(), byDate);
            if (common == null) {
                common = new TreeSet<>(byDate.keySet());
            } else {
                common.retainAll(byDate.keySet());
            }
        }
        if (common.size() < 3) {
            throw new IllegalArgumentException("Comparison needs at least 3 dates that all symbols have, got "
                    + common.size() + ". Choose a window where every coin has data.");
        }
        List<LocalDate> dates = new ArrayList<>(common);
        List<CoinStats> stats = new ArrayList<>();
        Map<String, double[]> returns = new LinkedHashMap<>();
        for (var entry : closes.entrySet()) {
            double[] c = dates.stream().mapToDouble(entry.getValue()::get).toArray();
            double[] r = Indicators.logReturns(c);
            double daily = Indicators.stdev(r);
            returns.put(entry.getKey(), r);
            stats.add(new CoinStats(entry.getKey(), c[0], c[c.length - 1], c[c.length - 1] / c[0] - 1, daily,
                    daily * Math.sqrt(Indicators.TRADING_DAYS_PER_YEAR), Indicators.maxDrawdown(c)));
        }
        List<String> symbols = new ArrayList<>(returns.keySet());
        List<Correlation> pairs = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            for (int j = i + 1; j < symbols.size(); j++) {
                pairs.add(new Correlation(symbols.get(i), symbols.get(j),
                        correlation(returns.get(symbols.get(i)), returns.get(symbols.get(j)))));
            }
        }
        return new Result(dates.get(0), dates.get(dates.size() - 1), dates.size(), stats, pairs);
    }

    static Double correlation(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0 || syy == 0) {
            return null;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    private static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }
}
