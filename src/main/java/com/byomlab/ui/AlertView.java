package com.byomlab.ui;

import com.byomlab.usage.UsageAlert;

import java.util.UUID;

/** A spending alert as the usage page lists it. */
record AlertView(String when, String kind, String message, String amount, String threshold, UUID sessionId) {

    static AlertView of(UsageAlert a) {
        return new AlertView(Format.time(a.createdAt()), SessionView.label(a.kind()), a.message(), Format.usd(a.amountUsd()),
                Format.usd(a.thresholdUsd()), a.sessionId());
    }
}
