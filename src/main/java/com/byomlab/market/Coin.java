package com.byomlab.market;

import java.time.LocalDate;

/**
 * A coin with price data. {@code firstDate}/{@code lastDate} are null and {@code days} is 0 when no
 * bars are stored yet. {@code source} says where the prices came from (synthetic sample or import).
 */
public record Coin(String symbol, String name, LocalDate firstDate, LocalDate lastDate, int days, String source) {
}
