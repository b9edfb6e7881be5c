package com.byomlab.ratelimit;

import io.github.bucket4j.BucketConfiguration;

import java.time.Duration;

/** "At most {@code capacity} per {@code period}" for one limit, and the Bucket4j bucket that enforces it. */
record LimitSize(Limit limit, int capacity, Duration period) {

    /**
     * Interval refill, not greedy: the whole capacity comes back at once when the period is over, so
     * within each period (counted from the bucket's first use) at most {@code capacity} requests pass.
     * A greedy refill would hand back one token every period/capacity and blur "N per hour".
     */
    BucketConfiguration bucket() {
        return BucketConfiguration.builder()
                .addLimit(l -> l.capacity(capacity).refillIntervally(capacity, period))
                .build();
    }

    /**
     * The bucket's row id, e.g. {@code validations:20per3600s:<user id>}. The size is part of the key:
     * a bucket keeps the configuration it was created with, so after a change of size the service
     * simply starts fresh buckets (old rows expire and are swept).
     */
    String bucketKey(String subject) {
        return limit.id() + ":" + capacity + "per" + period.toSeconds() + "s:" + subject;
    }

    /** For messages: "hour", "15 minutes", "90 seconds". */
    String periodText() {
        long s = period.toSeconds();
        if (s % 3600 == 0) {
            return s == 3600 ? "hour" : (s / 3600) + " hours";
        }
        if (s % 60 == 0) {
            return s == 60 ? "minute" : (s / 60) + " minutes";
        }
        return s + " seconds";
    }
}
