package com.byomlab.database;

import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Rows of one kind read on every call, kept in memory when {@link RowCache} is on, else read every time. A kept row is
 * served only while no statement that may change a kept table has run since it was read ({@link WriteWatch}), and
 * for at most {@link #MAX_AGE} (a backstop, not what makes it correct). Within a transaction rows are read from the
 * database and not kept: it sees its own uncommitted changes, which no other caller may see (other connections read
 * committed rows only). Keep what the database holds, immutable, and never anything decrypted.
 */
public final class CachedRows<K, V> {

    static final Duration MAX_AGE = Duration.ofSeconds(60);
    private static final long MAX_AGE_NANOS = MAX_AGE.toNanos();

    private record Kept<V>(V value, long changes, long readAt) {
    }

    private final boolean on;
    private final int max;
    private final ConcurrentHashMap<K, Kept<V>> kept;

    CachedRows(boolean on, int max) {
        this.on = on;
        this.max = max;
        this.kept = on ? new ConcurrentHashMap<>() : null;
    }

    /** The row read by {@code read}, or kept from an earlier read; a null is not kept. */
    public V get(K key, Function<? super K, ? extends V> read) {
        return get(key, read, null);
    }

    /** The same, keeping only what {@code keep} accepts (e.g. only rows that exist). */
    public V get(K key, Function<? super K, ? extends V> read, Predicate<? super V> keep) {
        if (!on || TransactionSynchronizationManager.isActualTransactionActive()) {
            return read.apply(key);
        }
        long changes = WriteWatch.changes(); // before the read: a change from here on makes it stale
        Kept<V> k = kept.get(key);
        long now = System.nanoTime();
        if (k != null && k.changes() == changes && now - k.readAt() < MAX_AGE_NANOS) {
            return k.value();
        }
        V value = read.apply(key);
        if (value != null && (keep == null || keep.test(value))) {
            if (kept.size() >= max) {
                kept.clear(); // bounded; the rows of a later change are dropped here too
            }
            kept.put(key, new Kept<>(value, changes, now));
        } else if (k != null) {
            kept.remove(key, k);
        }
        return value;
    }
}
