package com.byomlab.ui;

import com.byomlab.usage.CostEstimate;

/** The cost estimate shown in the New session dialog before the session starts. */
record EstimateView(String range, String basis, String rates, String problem) {

    static EstimateView of(CostEstimate e) {
        String range = e.lowUsd() == null ? "Unknown" : Format.usd(e.lowUsd()) + " – " + Format.usd(e.highUsd());
        String rates = e.inputPer1kUsd() == null ? null : e.provider() + " · " + e.model() + ": "
                + Format.usd(e.inputPer1kUsd()) + " in / " + Format.usd(e.outputPer1kUsd()) + " out per 1k tokens"
                + " (prices as of " + e.pricesAsOf() + ")";
        return new EstimateView(range, e.basis(), rates, null);
    }

    static EstimateView failed(String problem) {
        return new EstimateView(null, null, null, problem);
    }
}
