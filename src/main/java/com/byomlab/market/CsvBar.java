package com.byomlab.market;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A validated CSV row, exact as written (BigDecimal) until it is stored. */
record CsvBar(LocalDate date, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {
}
