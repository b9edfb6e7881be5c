package com.byomlab.usage.internal.pricing;

import java.util.List;

/**
 * The validated entries of one price file.
 *
 * @param label  the file as shown to the operator
 * @param asOf   the file's {@code as_of} date, null when it gives none (LiteLLM files carry no date)
 * @param source the file's {@code source} text, or a description of the file
 */
public record PriceList(String label, String asOf, String source, List<PriceEntry> entries) {

    public PriceList {
        entries = List.copyOf(entries);
    }
}
