package com.byomlab.ratelimit;

import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes the rows of buckets that have been full again for a while (their {@code expires_at} passed):
 * Bucket4j only writes {@code expires_at}; without a sweep the table would grow with every user
 * and address ever seen. Several instances sweeping at once is harmless.
 */
final class ExpiredBucketSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExpiredBucketSweeper.class);
    private static final int BATCH = 1000;

    private final ExpiredEntriesCleaner cleaner;
    private final ScheduledExecutorService timer;

    /** {@code buckets} that are no {@link ExpiredEntriesCleaner}: nothing is swept. */
    ExpiredBucketSweeper(ProxyManager<String> buckets, Duration interval) {
        this.cleaner = buckets instanceof ExpiredEntriesCleaner rows ? rows : null;
        if (cleaner == null) {
            this.timer = null;
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rate-limit-sweeper");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1000, interval.toMillis());
        timer.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Deletes expired rows in batches; returns how many. */
    int sweep() {
        if (cleaner == null) {
            return 0;
        }
        int total = 0;
        try {
            int removed;
            do {
                removed = cleaner.removeExpired(BATCH);
                total += removed;
            } while (removed == BATCH);
        } catch (RuntimeException e) {
            // class name only; the next run retries
            log.warn("Sweeping expired rate-limit buckets failed: {}", e.getClass().getName());
        }
        return total;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
