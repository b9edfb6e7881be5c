package com.byomlab.vault;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This instance's view of the key rotation, and its metrics: {@code byom_key_rotation_remaining}
 * (credentials under a key other than the current one, as last counted), {@code byom_key_rotation_unreadable}
 * (found by the last run), {@code byom_key_rotation_running} and {@code byom_key_rotation_reencrypted_total}.
 * No label carries an id.
 */
@Component
class RotationProgress {

    private final AtomicLong remaining = new AtomicLong();
    private final AtomicLong running = new AtomicLong();
    private final Counter reencrypted;
    private volatile List<UUID> unreadable = List.of();
    private volatile RotationReport lastReport;

    RotationProgress(MeterRegistry metrics) {
        Gauge.builder("byom.key.rotation.remaining", remaining, AtomicLong::get)
                .description("Active credentials still under a former master key (unreadable ones included)")
                .register(metrics);
        Gauge.builder("byom.key.rotation.unreadable", this, p -> p.unreadable.size())
                .description("Credentials that no configured master key could decrypt in the last rotation run")
                .register(metrics);
        Gauge.builder("byom.key.rotation.running", running, AtomicLong::get)
                .description("1 while this instance runs the key rotation").register(metrics);
        this.reencrypted = Counter.builder("byom.key.rotation.reencrypted")
                .description("Credentials re-encrypted under the current master key by this instance").register(metrics);
    }

    void counted(long underOtherKeys) {
        remaining.set(underOtherKeys);
    }

    void started() {
        running.set(1);
    }

    void reencrypted(int n) {
        reencrypted.increment(n);
        remaining.addAndGet(-n);
    }

    void finished(RotationReport report) {
        lastReport = report;
        unreadable = report.unreadable();
        remaining.set(report.remaining());
        running.set(0);
    }

    void aborted() {
        running.set(0);
    }

    boolean isRunning() {
        return running.get() == 1;
    }

    long remaining() {
        return remaining.get();
    }

    List<UUID> unreadable() {
        return unreadable;
    }

    RotationReport lastReport() {
        return lastReport;
    }
}
