package com.byomlab.market;

import java.time.Instant;

/**
 * One daily bar as an exchange sent it, before any check: the numbers stay text so that a value that is not a
 * number is refused with what it was. {@code closeTime} is null when the exchange does not send one (Coinbase).
 */
record Candle(Instant openTime, Instant closeTime, String open, String high, String low, String close, String volume) {
}
