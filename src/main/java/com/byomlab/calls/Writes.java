package com.byomlab.calls;

import java.util.function.Supplier;

/**
 * How the pipeline's database work (cap checks, metering) is done for a caller. A gateway request writes once and
 * fails on an outage (the client retries); a running session retries its idempotent writes through one.
 */
@FunctionalInterface
public interface Writes {

    Writes DIRECT = new Writes() {
        @Override
        public <T> T write(String what, Supplier<T> work) {
            return work.get();
        }
    };

    <T> T write(String what, Supplier<T> work) throws InterruptedException;
}
