package com.byomlab.market;

import java.util.List;

/** The symbol has no market data. The message lists what is available, so a model can correct itself. */
public class UnknownSymbolException extends RuntimeException {

    private final String symbol;
    private final List<String> available;

    public UnknownSymbolException(String symbol, List<String> available) {
        super("Unknown symbol '" + shorten(symbol) + "'. Available symbols: "
                + (available.isEmpty() ? "none (no market data loaded)" : String.join(", ", available)) + ".");
        this.symbol = symbol;
        this.available = List.copyOf(available);
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }

    public String symbol() {
        return symbol;
    }

    public List<String> available() {
        return available;
    }
}
