package com.byomlab.market;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks one page of an exchange's daily bars before anything is stored. A bar with a zero or negative price,
 * a high below its low (or an open or close outside them), a negative volume, a number that is not one, or a time
 * that is not the start of a UTC day is refused. A day sent twice with the same prices is stored once; sent twice
 * with different prices, neither is stored. Bars out of the documented order are sorted. Days with no bar between
 * the ones received (or after the last one stored) are reported missing: a gap is never filled with made-up prices.
 * Every such case comes back as a {@link DataIssue}.
 */
final class BarCheck {

    /** The order the exchange documents for its answer. */
    enum Order { OLDEST_FIRST, NEWEST_FIRST }

    /**
     * @param bars     the accepted bars, oldest first
     * @param lastSeen the latest day in the window the exchange sent anything for (accepted or refused), null if none
     */
    record Checked(List<CsvBar> bars, List<DataIssue> issues, LocalDate lastSeen, int refused, int repaired) {
    }

    // NUMERIC(38, 12): 26 digits before the point
    private static final BigDecimal TOO_LARGE = new BigDecimal("1e26");
    private static final long DAY_MILLIS = 86_400_000L;

    private BarCheck() {
    }

    /**
     * @param from     first day asked for; bars before it are dropped (Coinbase documents that some may precede it)
     * @param to       last day asked for; bars after it (today's unfinished one) are dropped
     * @param previous the latest day already stored for this coin from this source, for gaps across pages; may be null
     */
    static Checked check(List<Candle> candles, LocalDate from, LocalDate to, LocalDate previous, Order documented) {
        List<DataIssue> issues = new ArrayList<>();
        Map<LocalDate, List<CsvBar>> byDay = new LinkedHashMap<>();
        TreeMap<LocalDate, Integer> sent = new TreeMap<>();
        TreeSet<LocalDate> refusedDays = new TreeSet<>();
        List<LocalDate> arrival = new ArrayList<>();
        int refused = 0;
        for (Candle candle : candles) {
            LocalDate day = LocalDate.ofInstant(candle.openTime(), ZoneOffset.UTC);
            if (day.isBefore(from) || day.isAfter(to)) {
                continue;
            }
            arrival.add(day);
            sent.merge(day, 1, Integer::sum);
            String problem = problem(candle);
            if (problem != null) {
                refused++;
                refusedDays.add(day);
                issues.add(new DataIssue(day, DataIssue.REFUSED, problem));
                continue;
            }
            byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(bar(day, candle));
        }
        int repaired = 0;
        DataIssue order = orderIssue(arrival, documented);
        if (order != null) {
            issues.add(order);
            repaired++;
        }
        List<CsvBar> accepted = new ArrayList<>();
        for (Map.Entry<LocalDate, List<CsvBar>> e : byDay.entrySet()) {
            LocalDate day = e.getKey();
            List<CsvBar> same = e.getValue();
            int times = sent.get(day);
            if (times == 1) {
                accepted.add(same.get(0));
            } else if (!refusedDays.contains(day) && same.stream().allMatch(b -> sameBar(b, same.get(0)))) {
                accepted.add(same.get(0));
                repaired++;
                issues.add(new DataIssue(day, DataIssue.REPAIRED, "sent " + times + " times with the same prices; "
                        + "stored once"));
            } else {
                refused += same.size();
                refusedDays.add(day);
                issues.add(new DataIssue(day, DataIssue.REFUSED, "sent " + times + " times with different prices; "
                        + "none stored"));
            }
        }
        accepted.sort((a, b) -> a.date().compareTo(b.date()));
        LocalDate prev = previous;
        for (LocalDate day : sent.keySet()) {
            if (prev != null && day.isAfter(prev.plusDays(1))) {
                LocalDate first = prev.plusDays(1);
                LocalDate last = day.minusDays(1);
                long days = ChronoUnit.DAYS.between(first, day);
                issues.add(new DataIssue(first, DataIssue.MISSING, days + " day(s) with no bar from the exchange ("
                        + first + (days > 1 ? " to " + last : "") + "); left empty, not filled in"));
            }
            if (prev == null || day.isAfter(prev)) {
                prev = day;
            }
        }
        LocalDate lastSeen = sent.isEmpty() ? null : sent.lastKey();
        return new Checked(List.copyOf(accepted), List.copyOf(issues), lastSeen, refused, repaired);
    }

    /** Why the bar is refused, or null when it is sound. */
    private static String problem(Candle c) {
        Instant open = c.openTime();
        if (open.toEpochMilli() % DAY_MILLIS != 0) {
            return "open time " + open + " is not the start of a UTC day";
        }
        if (c.closeTime() != null && c.closeTime().toEpochMilli() != open.toEpochMilli() + DAY_MILLIS - 1) {
            return "close time " + c.closeTime() + " is not the end of that day";
        }
        String[] names = {"open", "high", "low", "close", "volume"};
        String[] raw = {c.open(), c.high(), c.low(), c.close(), c.volume()};
        BigDecimal[] v = new BigDecimal[5];
        for (int i = 0; i < 5; i++) {
            v[i] = number(raw[i]);
            if (v[i] == null) {
                return names[i] + " is not a number: " + quote(raw[i]);
            }
            if (v[i].abs().compareTo(TOO_LARGE) >= 0) {
                return names[i] + " is too large: " + quote(raw[i]);
            }
            if (i < 4 && v[i].signum() <= 0) {
                return names[i] + " price must be greater than 0, got " + v[i].toPlainString();
            }
        }
        if (v[4].signum() < 0) {
            return "volume must not be negative, got " + v[4].toPlainString();
        }
        if (v[1].compareTo(v[2]) < 0) {
            return "high " + v[1].toPlainString() + " is below low " + v[2].toPlainString();
        }
        for (int i : new int[] {0, 3}) {
            if (v[i].compareTo(v[2]) < 0 || v[i].compareTo(v[1]) > 0) {
                return names[i] + " " + v[i].toPlainString() + " is outside low " + v[2].toPlainString() + " to high "
                        + v[1].toPlainString();
            }
        }
        return null;
    }

    private static DataIssue orderIssue(List<LocalDate> arrival, Order documented) {
        for (int i = 1; i < arrival.size(); i++) {
            int cmp = arrival.get(i).compareTo(arrival.get(i - 1));
            if (cmp != 0 && (documented == Order.OLDEST_FIRST ? cmp < 0 : cmp > 0)) {
                return new DataIssue(arrival.get(i), DataIssue.REPAIRED, "bars arrived out of order (the exchange "
                        + "documents " + (documented == Order.OLDEST_FIRST ? "oldest" : "newest") + " first); sorted by date");
            }
        }
        return null;
    }

    private static CsvBar bar(LocalDate day, Candle c) {
        return new CsvBar(day, scaled(c.open()), scaled(c.high()), scaled(c.low()), scaled(c.close()), scaled(c.volume()));
    }

    private static boolean sameBar(CsvBar a, CsvBar b) {
        return a.open().compareTo(b.open()) == 0 && a.high().compareTo(b.high()) == 0 && a.low().compareTo(b.low()) == 0
                && a.close().compareTo(b.close()) == 0 && a.volume().compareTo(b.volume()) == 0;
    }

    private static BigDecimal number(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(raw.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Stored with 12 decimals, like an import: rounding is monotonic, so the low/high order still holds. */
    private static BigDecimal scaled(String raw) {
        BigDecimal value = new BigDecimal(raw.strip());
        return value.setScale(Math.min(Math.max(value.scale(), 0), 12), RoundingMode.HALF_EVEN);
    }

    private static String quote(String raw) {
        String s = raw == null ? "null" : raw;
        return "'" + (s.length() <= 30 ? s : s.substring(0, 30) + "…") + "'";
    }
}
