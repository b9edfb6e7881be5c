package com.byomlab.market;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Daily bars from closes, one per day from 2026-01-01, for hand-checked calculations. */
final class TestBars {

    static final LocalDate DAY_ONE = LocalDate.of(2026, 1, 1);

    private TestBars() {
    }

    static List<PriceBar> of(double... closes) {
        return from(DAY_ONE, closes);
    }

    static List<PriceBar> from(LocalDate first, double... closes) {
        List<PriceBar> bars = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            double c = closes[i];
            bars.add(new PriceBar(first.plusDays(i), c, c, c, c, 1));
        }
        return bars;
    }

    static LocalDate day(int index) {
        return DAY_ONE.plusDays(index);
    }

    static double[] values(List<Indicators.Point> points) {
        return points.stream().mapToDouble(Indicators.Point::value).toArray();
    }
}
