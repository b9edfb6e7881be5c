package com.byomlab.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code byom.rate-limits.buckets.*}: where the rate-limit buckets live.
 *
 * @param store       {@code auto} (the default): in memory on an embedded H2 database (one instance by design), in
 *                    the database on PostgreSQL (shared by every instance); or {@code memory} / {@code database}
 * @param maxInMemory how many buckets memory holds at most ({@link MemoryBuckets})
 */
@ConfigurationProperties("byom.rate-limits.buckets")
record BucketStoreProperties(@DefaultValue("auto") Store store, @DefaultValue("100000") int maxInMemory) {

    enum Store { AUTO, MEMORY, DATABASE }

    BucketStoreProperties {
        if (maxInMemory < 100) {
            throw new IllegalArgumentException("byom.rate-limits.buckets.max-in-memory must be at least 100");
        }
    }
}
