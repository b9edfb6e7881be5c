package com.byomlab.usage.internal.pricing;

import java.util.ArrayList;
import java.util.List;

import com.byomlab.usage.PriceFileException;

/** Collects every problem of a file, so the operator fixes them in one round rather than one per restart. */
final class Problems {

    private final String label;
    private final List<PriceFileException.Problem> list = new ArrayList<>();

    Problems(String label) {
        this.label = label;
    }

    void add(int line, String message) {
        list.add(new PriceFileException.Problem(line, message));
    }

    int count() {
        return list.size();
    }

    void throwIfAny() {
        if (!list.isEmpty()) {
            throw new PriceFileException(label, list);
        }
    }
}
