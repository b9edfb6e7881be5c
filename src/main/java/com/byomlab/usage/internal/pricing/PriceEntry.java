package com.byomlab.usage.internal.pricing;

import java.util.List;

import com.byomlab.usage.ModelPrice;

/** A validated price with the other names it answers to and the line it came from. */
public record PriceEntry(ModelPrice price, List<String> aliases, int line) {

    public PriceEntry {
        aliases = List.copyOf(aliases);
    }
}
