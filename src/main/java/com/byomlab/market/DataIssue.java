package com.byomlab.market;

import java.time.LocalDate;

/**
 * Something wrong with an exchange's bars, recorded rather than dropped or patched silently: a bar
 * {@code refused} (bad prices), {@code repaired} (sent twice identically, or out of order) or days
 * {@code missing} (a gap in the exchange's data; {@code date} is its first day).
 */
record DataIssue(LocalDate date, String kind, String detail) {

    static final String REFUSED = "refused";
    static final String REPAIRED = "repaired";
    static final String MISSING = "missing";
}
