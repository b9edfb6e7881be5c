package com.byomlab.ui;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How numbers and times read on the pages (UTC, like the usage report). Also used from templates as a bean. */
final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Format() {
    }

    static String time(Instant at) {
        return at == null ? "never" : TIME.format(at);
    }

    /** Dollars with enough digits to show small per-call costs: $12.34, $0.50, $0.0042, $0.0000153. */
    static String usd(BigDecimal amount) {
        if (amount == null) {
            return "unknown";
        }
        if (amount.signum() == 0) {
            return "$0.00";
        }
        BigDecimal abs = amount.abs();
        // three significant digits below a dollar (as session.js shows live costs), cents above
        int scale = abs.compareTo(BigDecimal.ONE) >= 0 ? 2 : Math.max(2, abs.scale() - abs.precision() + 3);
        BigDecimal rounded = amount.setScale(Math.min(scale, 8), RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.scale() < 2) {
            rounded = rounded.setScale(2, RoundingMode.UNNECESSARY);
        }
        return "$" + rounded.toPlainString();
    }

    /** 128000 → "128k", 1048576 → "1M". */
    static String tokens(long n) {
        if (n >= 1_000_000) {
            return trim(n / 1_000_000.0) + "M";
        }
        if (n >= 1_000) {
            return trim(n / 1_000.0) + "k";
        }
        return Long.toString(n);
    }

    private static String trim(double v) {
        String text = String.format(java.util.Locale.ROOT, "%.1f", v);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
