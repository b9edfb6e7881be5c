package com.byomlab.agent;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code max} sessions at once, and at most {@code maxPerOwner} of one owner (a user); the rest wait, and
 * the owners take turns: the next free slot goes to the owner after the one served last (round-robin), so one
 * user's thousand waiting sessions delay another user's session by one turn, not by a thousand. A session over its
 * owner's limit waits without holding a slot, so it never keeps anybody else's session from running.
 *
 * <p>A session goes to an idle thread when there is one and starts a thread only when there is none. A
 * {@link ThreadPoolExecutor} sized to the limit (core = max) starts a new thread for every task until it holds
 * {@code max} of them, idle or not: on JDK 17 the bench's steady stream of short sessions grew it to 4,800 platform
 * threads, every one a GC root with its own thread-local buffers, and young-GC pauses to 40–100 ms
 * (docs/benchmarks.md).
 */
final class SessionPool extends AbstractExecutorService {

    private final int max;
    private final int maxPerOwner;
    /** Hands a task to a thread waiting for one (SynchronousQueue), or starts one; idle threads end after keepAlive. */
    private final ThreadPoolExecutor threads;
    private final Object lock = new Object();
    /** Owners with sessions running or waiting. Guarded by {@code lock}, like every field below. */
    private final Map<Object, Owner> owners = new HashMap<>();
    /** Owners with a waiting session and a free slot of their own, in turn order. */
    private final ArrayDeque<Owner> turns = new ArrayDeque<>();
    private int running;
    private int waiting;
    private volatile boolean shutdown;

    SessionPool(int max, ThreadFactory factory, Duration keepAlive) {
        this(max, max, factory, keepAlive);
    }

    SessionPool(int max, int maxPerOwner, ThreadFactory factory, Duration keepAlive) {
        if (max < 1 || maxPerOwner < 1) {
            throw new IllegalArgumentException("max and maxPerOwner must be at least 1, were " + max + " and " + maxPerOwner);
        }
        this.max = max;
        this.maxPerOwner = maxPerOwner;
        this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, keepAlive.toMillis(), TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(), factory);
    }

    /** A task of nobody in particular: it takes its turn among the owners, and no owner limit applies to it. */
    @Override
    public void execute(Runnable task) {
        execute(new Object(), task);
    }

    /** Runs the task when a slot is free, its owner is under the owner limit, and it is the owner's turn. */
    void execute(Object owner, Runnable task) {
        List<Turn> start;
        synchronized (lock) {
            if (shutdown) {
                throw new RejectedExecutionException("the session pool is shutting down");
            }
            Owner o = owners.computeIfAbsent(owner, Owner::new);
            o.waiting.add(task);
            waiting++;
            queueIfReady(o);
            start = takeTurns();
        }
        start(start);
    }

    /**
     * A slot for the owner's next session, held from now on, when it could start at once: a slot is free, nobody waits
     * for one (turns keep their order), and the owner is under its limit with nothing of its own waiting. Null otherwise:
     * the session then waits its turn through {@link #execute(Object, Runnable)}. A slot held is given its task with
     * {@link #run}, or handed back with {@link #release}. (The Lab stores such a session as running at once: no status
     * change to write when it starts.)
     */
    Reservation reserve(Object owner) {
        synchronized (lock) {
            if (shutdown || running >= max || !turns.isEmpty()) {
                return null;
            }
            Owner o = owners.get(owner);
            if (o != null && (o.running >= maxPerOwner || !o.waiting.isEmpty())) {
                return null;
            }
            if (o == null) {
                o = new Owner(owner);
                owners.put(owner, o);
            }
            o.running++;
            running++;
            return new Reservation(o);
        }
    }

    /** Runs the task in the slot held for it. */
    void run(Reservation slot, Runnable task) {
        start(List.of(new Turn(slot.owner, task)));
    }

    /** Hands back a slot that will not run anything; the next turn takes it. */
    void release(Reservation slot) {
        start(finish(slot.owner));
    }

    /** Threads alive, idle ones included. */
    int threads() {
        return threads.getPoolSize();
    }

    /** Sessions running now (not those waiting). */
    int running() {
        synchronized (lock) {
            return running;
        }
    }

    /** Sessions waiting for a slot. */
    int waiting() {
        synchronized (lock) {
            return waiting;
        }
    }

    /** Whose turn it is, as many as there are free slots; each turn taken holds a slot. Under {@code lock}. */
    private List<Turn> takeTurns() {
        List<Turn> taken = new ArrayList<>(1);
        while (running < max && !turns.isEmpty()) {
            Owner o = turns.poll();
            o.queued = false;
            Runnable task = o.waiting.poll();
            waiting--;
            o.running++;
            running++;
            taken.add(new Turn(o, task));
            queueIfReady(o); // at the back: the others go first
        }
        return taken;
    }

    /** Puts the owner in line when it has a session waiting and a slot of its own; forgets an idle owner. Under lock. */
    private void queueIfReady(Owner o) {
        if (!o.queued && !o.waiting.isEmpty() && o.running < maxPerOwner) {
            o.queued = true;
            turns.add(o);
        } else if (o.running == 0 && o.waiting.isEmpty()) {
            owners.remove(o.key);
        }
    }

    private void start(List<Turn> taken) {
        for (Turn turn : taken) {
            try {
                threads.execute(() -> runFrom(turn));
            } catch (RejectedExecutionException stopped) {
                synchronized (lock) { // shutdownNow: what is still waiting is returned there
                    turn.owner.running--;
                    running--;
                    queueIfReady(turn.owner);
                }
            }
        }
    }

    /** Runs the turn, then as long as there is a next one for this slot, that one too: no hand-off, no new thread. */
    private void runFrom(Turn first) {
        Turn turn = first;
        while (turn != null) {
            try {
                turn.task.run();
            } catch (RuntimeException | Error e) {
                start(finish(turn.owner)); // sessions catch their own failures; should one escape, the slot is still freed
                throw e;
            }
            List<Turn> next = finish(turn.owner);
            turn = next.isEmpty() ? null : next.remove(0);
            start(next);
        }
    }

    /** Frees the owner's slot and takes the next turns (the freed slot included). */
    private List<Turn> finish(Owner owner) {
        synchronized (lock) {
            owner.running--;
            running--;
            queueIfReady(owner);
            List<Turn> next = takeTurns();
            if (shutdown && running == 0 && waiting == 0) {
                threads.shutdown();
            }
            return next;
        }
    }

    /** No new sessions; those waiting still run (a stopped session ends itself as soon as it starts). */
    @Override
    public void shutdown() {
        synchronized (lock) {
            shutdown = true;
            if (running == 0 && waiting == 0) {
                threads.shutdown();
            }
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> never = new ArrayList<>();
        synchronized (lock) {
            shutdown = true;
            for (Owner o : owners.values()) {
                never.addAll(o.waiting);
                o.waiting.clear();
            }
            turns.clear();
            waiting = 0;
        }
        threads.shutdownNow();
        return never;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        synchronized (lock) {
            return shutdown && running == 0 && waiting == 0;
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        while (!isTerminated()) {
            if (System.nanoTime() >= end) {
                return false;
            }
            Thread.sleep(5);
        }
        threads.shutdown();
        return true;
    }

    /** One owner's sessions: how many run, and those waiting in the order they came. Guarded by the pool's lock. */
    private static final class Owner {
        final Object key;
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
        int running;
        boolean queued;

        Owner(Object key) {
            this.key = key;
        }
    }

    private record Turn(Owner owner, Runnable task) {
    }

    /** A slot held for one session ({@link #reserve}). */
    static final class Reservation {
        private final Owner owner;

        private Reservation(Owner owner) {
            this.owner = owner;
        }
    }
}
