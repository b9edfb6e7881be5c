package com.byomlab.database;

import com.byomlab.web.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Rows written off the request path (usage and audit rows, docs/operations.md): a caller hands a row over and goes
 * on; a thread of its own writes what has gathered as one batch at most {@code maxDelay} after the first row of the
 * batch arrived, and everything left at a graceful shutdown.
 *
 * <ul>
 *   <li>Never dropped silently. A full queue (the database is slow or down) makes the caller write its own row,
 *   as before write-behind existed, so the caller slows down or sees the database's error. A batch that fails on an
 *   outage is kept and retried; a row the database refuses as such (not an outage) is logged at ERROR and left
 *   out, so that it cannot block every row behind it.</li>
 *   <li>{@link #flush()} returns once every row handed over before it was called is written: for reads that must
 *   see them.</li>
 *   <li>After {@link #stop()}, rows are written by their callers (a session being stopped still records its
 *   last call).</li>
 * </ul>
 *
 * A {@code maxDelay} of zero turns write-behind off: every row is written by its caller.
 */
public final class WriteBehind<T> {

    private static final Logger log = LoggerFactory.getLogger(WriteBehind.class);
    private static final int MAX_BATCH = 500;

    private final String what;
    private final Consumer<List<T>> writer;
    private final Consumer<List<T>> givenUp;
    private final Function<T, String> describe;
    private final long maxDelayNanos;
    private final ArrayBlockingQueue<T> queue;
    /** Held while a batch is written, so that {@link #flush()} waits for a batch the writer thread has taken. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Rows of a batch that failed on an outage, written before anything newer; guarded by {@link #writing}. */
    private final List<T> retry = new ArrayList<>();
    /** One permit per row handed over: wakes the writer thread. */
    private final Semaphore arrived = new Semaphore(0);
    private volatile boolean stopped = true;
    private Thread thread;

    /**
     * @param writer   writes a batch in one transaction, or throws
     * @param givenUp  told the rows that are no longer pending without having been written (see above)
     * @param describe a row in a log line (an id, never a secret)
     */
    public WriteBehind(String what, Duration maxDelay, int capacity, Consumer<List<T>> writer,
                       Consumer<List<T>> givenUp, Function<T, String> describe) {
        this.what = what;
        this.writer = writer;
        this.givenUp = givenUp;
        this.describe = describe;
        this.maxDelayNanos = maxDelay.toNanos();
        this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
    }

    /** Whether rows are written behind at all (a zero delay writes each row on its caller's thread). */
    public boolean enabled() {
        return maxDelayNanos > 0;
    }

    /**
     * Hands a row over; true when it is pending (written later), false when the caller must write it now: write-behind
     * is off or stopped, or the queue is full.
     */
    public boolean offer(T row) {
        if (stopped || !queue.offer(row)) {
            return false;
        }
        arrived.release();
        if (stopped) {
            // stop() may have drained the queue between the check above and the offer: write what it left
            flushQuietly();
        }
        return true;
    }

    /** Writes every row handed over so far, on the caller's thread; throws when the database refuses. */
    public void flush() {
        writing.lock();
        try {
            writePending(true);
        } finally {
            writing.unlock();
        }
    }

    /** How many rows wait to be written. */
    public int pending() {
        writing.lock();
        try {
            return queue.size() + retry.size();
        } finally {
            writing.unlock();
        }
    }

    public synchronized void start() {
        if (!stopped || !enabled()) {
            return;
        }
        stopped = false;
        thread = new Thread(this::run, "write-behind-" + what.replace(' ', '-'));
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Takes rows without a writer thread: they are written only by {@link #flush()} (and {@link #stop()}). For tests
     * that must see rows while they are pending.
     */
    public synchronized void holdUntilFlushed() {
        if (stopped && enabled()) {
            stopped = false;
        }
    }

    /** Stops the writer thread and writes what is left, while the database is still open. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("At shutdown, {} {} could not be written ({}); they are lost", pending(), what,
                    e.getClass().getName());
        }
    }

    public boolean isRunning() {
        return !stopped;
    }

    private void run() {
        long backoffMs = 0;
        while (!stopped) {
            try {
                if (backoffMs > 0) {
                    Thread.sleep(backoffMs);
                } else {
                    // wait for a row without taking it: a row is always in the queue or in retry, where flush()
                    // finds it, never in this thread's hands alone
                    arrived.acquire();
                    // the first row waits up to maxDelay for others to join its batch (one commit for all)
                    TimeUnit.NANOSECONDS.sleep(maxDelayNanos);
                }
            } catch (InterruptedException e) {
                break; // stop() writes what is left
            }
            writing.lock();
            try {
                arrived.drainPermits(); // the rows that arrived so far are written now
                writePending(false);
                backoffMs = 0;
            } catch (RuntimeException e) {
                backoffMs = Math.min(Math.max(250, backoffMs * 2), 5_000);
                log.warn("Writing {} failed ({}); {} kept, retrying in {} ms", what, e.getClass().getName(),
                        retry.size(), backoffMs);
            } finally {
                writing.unlock();
            }
        }
    }

    /**
     * Writes the retry list and then the queue, batch by batch, until both are empty (or, for the writer thread,
     * one batch's worth). Caller holds {@link #writing}. Throws on an outage, with the rows kept in {@link #retry}.
     */
    private void writePending(boolean untilEmpty) {
        do {
            if (retry.size() < MAX_BATCH) {
                queue.drainTo(retry, MAX_BATCH - retry.size());
            }
            if (retry.isEmpty()) {
                return;
            }
            List<T> batch = List.copyOf(retry);
            try {
                writer.accept(batch);
            } catch (RuntimeException e) {
                if (DatabaseOutage.isOutage(e)) {
                    throw e;
                }
                rowByRow(batch);
                continue;
            }
            retry.clear();
        } while (untilEmpty || !queue.isEmpty());
    }

    /** A batch the database refused: each row alone, so that one bad row does not hold up the others. */
    private void rowByRow(List<T> batch) {
        for (T row : batch) {
            try {
                writer.accept(List.of(row));
            } catch (RuntimeException e) {
                if (DatabaseOutage.isOutage(e)) {
                    throw e; // the rows not yet written stay in retry
                }
                log.error("{}: {} refused by the database ({}); left out", what, describe.apply(row),
                        e.getClass().getName());
                givenUp.accept(List.of(row));
            }
            retry.remove(0);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("{} {} could not be written after the shutdown ({}); they are lost", pending(), what,
                    e.getClass().getName());
        }
    }
}
