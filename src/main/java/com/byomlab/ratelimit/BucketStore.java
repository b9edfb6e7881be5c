package com.byomlab.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;

import java.util.function.Supplier;

/** Where the buckets of the rate limits are kept: in the database (every instance shares them) or in memory. */
interface BucketStore {

    /** The bucket with this key, created with {@code configuration} when there is none. */
    Bucket bucket(String key, Supplier<BucketConfiguration> configuration);

    /** Buckets in the database, through Bucket4j's proxy manager: one row per bucket, locked for each request. */
    static BucketStore inDatabase(ProxyManager<String> rows) {
        return new InDatabase(rows);
    }

    record InDatabase(ProxyManager<String> rows) implements BucketStore {
        @Override
        public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
            return rows.builder().build(key, configuration);
        }
    }
}
