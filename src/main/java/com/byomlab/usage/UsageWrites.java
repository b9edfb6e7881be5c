package com.byomlab.usage;

import com.byomlab.database.WriteBehind;
import com.byomlab.database.WriteBehindProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Writes usage rows: in batches off the request path ({@link WriteBehind}), or at once when write-behind is off or
 * its queue is full. Knows the cost of the rows not yet written per user and month, which the monthly cap counts
 * with the stored ones: a cap is never passed by more than the calls in flight.
 */
@Component
class UsageWrites implements SmartLifecycle {

    /** One call's row as it will be stored. */
    record Row(LlmCallRecord call, Cost cost, Instant at) {

        /** The known cost, or null. */
        BigDecimal costUsd() {
            return cost.known() ? cost.usd() : null;
        }
    }

    private record UserMonth(UUID userId, LocalDate month) {
    }

    /** Half {@link UsageRepository#SETTLED_AFTER}, computed once (a Duration's division goes through BigInteger). */
    private static final Duration OLDEST_AGE = UsageRepository.SETTLED_AFTER.dividedBy(2);

    private final UsageRepository usage;
    private final TransactionTemplate transaction;
    private final WriteBehind<Row> behind;
    private final ConcurrentHashMap<UserMonth, BigDecimal> unwritten = new ConcurrentHashMap<>();
    /**
     * Written while a batch is stored and taken off {@link #unwritten}, read while a cap check adds the two: no check
     * sees a row in both or in neither.
     */
    private final ReentrantReadWriteLock settling = new ReentrantReadWriteLock();

    UsageWrites(UsageRepository usage, PlatformTransactionManager transactions, WriteBehindProperties settings) {
        this.usage = usage;
        this.transaction = new TransactionTemplate(transactions);
        this.behind = new WriteBehind<>("usage rows", settings.maxDelay(), settings.queueCapacity(), this::settle,
                this::forget, row -> "usage of call " + row.call().callId());
    }

    /**
     * Stores the row now or soon: true when it is pending (stored within {@code byom.write-behind.max-delay}) or was
     * stored now; false when a row of the same call id was stored before.
     */
    boolean write(Row row) {
        UserMonth key = key(row);
        if (key != null) {
            unwritten.merge(key, row.costUsd(), BigDecimal::add); // before the next cap check can run
        }
        if (behind.offer(row)) {
            return true;
        }
        if (key != null) {
            forget(List.of(row));
        }
        return usage.insert(row.call(), row.cost(), row.at());
    }

    /**
     * The known cost of the user's calls in the month of {@code now}, stored or not yet: {@link
     * UsageRepository#spentInMonth} plus the rows recorded but not stored, read so that a batch being stored is
     * counted exactly once.
     */
    BigDecimal spentInMonth(UUID userId, Instant now) {
        settling.readLock().lock();
        try {
            BigDecimal pending = unwritten.getOrDefault(new UserMonth(userId, UsageRepository.monthOf(now)),
                    BigDecimal.ZERO);
            return usage.spentInMonth(userId, now).add(pending);
        } finally {
            settling.readLock().unlock();
        }
    }

    /** Stores every row recorded so far: before a read that must see them. */
    void flush() {
        behind.flush();
    }

    /** For tests: rows wait until {@link #flush()}, however long (see {@link WriteBehind#holdUntilFlushed()}). */
    void holdUntilFlushed() {
        behind.holdUntilFlushed();
    }

    /**
     * A batch of pending rows, stored in one transaction (one commit) and taken off the unwritten spend at once
     * ({@link #settling}). {@code occurred_at} is when the call was recorded; a row that waited through a database
     * outage is stored as of half {@link UsageRepository#SETTLED_AFTER} ago at the oldest, so that no monthly
     * checkpoint has moved past it.
     */
    private void settle(List<Row> rows) {
        Instant oldest = Instant.now().minus(OLDEST_AGE);
        settling.writeLock().lock();
        try {
            if (rows.size() == 1) {
                Row r = rows.get(0);
                usage.insert(r.call(), r.cost(), r.at().isBefore(oldest) ? oldest : r.at()); // commits by itself
            } else {
                // a row stored before (its call recorded twice) fails the batch, not as an outage: the transaction
                // rolls back and WriteBehind writes the rows one by one, each alone skipping a duplicate
                transaction.executeWithoutResult(status ->
                        usage.insertAll(rows, r -> r.at().isBefore(oldest) ? oldest : r.at()));
            }
            forget(rows);
        } finally {
            settling.writeLock().unlock();
        }
    }

    /** Rows no longer pending: their cost leaves the unwritten spend. */
    private void forget(List<Row> rows) {
        for (Row r : rows) {
            UserMonth key = key(r);
            if (key != null) {
                unwritten.computeIfPresent(key, (k, usd) -> {
                    BigDecimal left = usd.subtract(r.costUsd());
                    return left.signum() == 0 ? null : left;
                });
            }
        }
    }

    private static UserMonth key(Row row) {
        return row.costUsd() == null || row.costUsd().signum() == 0 ? null
                : new UserMonth(row.call().userId(), UsageRepository.monthOf(row.at()));
    }

    @Override
    public void start() {
        behind.start();
    }

    /** After the web server and before the datasource closes (see {@link #getPhase()}). */
    @Override
    public void stop() {
        behind.stop();
    }

    @Override
    public boolean isRunning() {
        return behind.isRunning();
    }

    /**
     * Lower than the web server's graceful shutdown and its stop, so that requests in progress have recorded their
     * calls before the last rows are written; lifecycle beans all stop before any bean (the datasource) is destroyed.
     */
    @Override
    public int getPhase() {
        return 0;
    }
}
