package com.byomlab.market;

import java.time.LocalDate;

/** One day of a coin's prices. Volume is in units of the coin (base asset), as exchange exports give it. */
public record PriceBar(LocalDate date, double open, double high, double low, double close, double volume) {
}
