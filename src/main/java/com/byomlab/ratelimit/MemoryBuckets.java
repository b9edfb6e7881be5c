package com.byomlab.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Buckets in this instance's memory: Bucket4j's local (lock-free) buckets, in a Caffeine cache that holds at most
 * {@code maxBuckets} of them (past it the least used go: Caffeine's frequency-based eviction keeps a bucket that is
 * hit often, such as an account's under a password-guessing attack, over one-off ones, so requests naming ever new
 * subjects cannot grow the heap) and forgets a bucket once it would be full again, a minute after the end of its
 * period since its last use. For one instance only: another instance counts on its own.
 */
public final class MemoryBuckets implements BucketStore {

    /** A bucket is kept this long after it would be full again, as the database's rows are. */
    private static final long KEEP_AFTER_FULL_NANOS = Duration.ofMinutes(1).toNanos();

    private record Entry(Bucket bucket, long keepNanos) {
    }

    private final Cache<String, Entry> buckets;

    MemoryBuckets(int maxBuckets) {
        this.buckets = Caffeine.newBuilder().maximumSize(maxBuckets).expireAfter(new Expiry<String, Entry>() {
            @Override
            public long expireAfterCreate(String key, Entry e, long now) {
                return e.keepNanos();
            }

            @Override
            public long expireAfterUpdate(String key, Entry e, long now, long left) {
                return e.keepNanos();
            }

            @Override
            public long expireAfterRead(String key, Entry e, long now, long left) {
                return e.keepNanos(); // a refill comes at most one period after the last use
            }
        }).build();
    }

    @Override
    public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
        return buckets.get(key, k -> create(configuration.get())).bucket();
    }

    private static Entry create(BucketConfiguration configuration) {
        LocalBucketBuilder builder = Bucket.builder();
        long longestPeriod = 0;
        for (Bandwidth limit : configuration.getBandwidths()) {
            builder.addLimit(limit);
            longestPeriod = Math.max(longestPeriod, limit.getRefillPeriodNanos());
        }
        return new Entry(builder.build(), longestPeriod + KEEP_AFTER_FULL_NANOS);
    }

    /**
     * Forgets the buckets whose key starts with {@code prefix} (a limit's id and a colon, e.g. {@code
     * "login-per-address:"}): every subject of that limit starts with a full bucket. For tests, which share one
     * loopback address.
     */
    public void forget(String prefix) {
        buckets.asMap().keySet().removeIf(key -> key.startsWith(prefix));
    }

    /** How many buckets are held (after pending evictions). */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /** How long the bucket with this key is still kept if not used again; null when there is none. */
    Duration keptFor(String key) {
        return buckets.policy().expireVariably().flatMap(e -> e.getExpiresAfter(key)).orElse(null);
    }
}
