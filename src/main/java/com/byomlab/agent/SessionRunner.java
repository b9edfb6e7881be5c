package com.byomlab.agent;

import com.byomlab.account.AccountDeleted;
import com.byomlab.calls.CallRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs sessions asynchronously on this instance, enforces the wall-clock limit, stops them on
 * request, and owns them in the database: a heartbeat says they are alive, and a sweep ends the
 * sessions of instances that went silent as {@code instance_lost}, within heartbeat + timeout.
 */
@Component
class SessionRunner implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SessionRunner.class);

    private final AgentLoop loop;
    private final SessionRepository sessions;
    private final SessionEvents events;
    private final LabProperties limits;
    private final String instance;
    private final SessionPool threads;
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "session-supervisor");
        t.setDaemon(true);
        return t;
    });
    private final Map<UUID, RunControl> running = new ConcurrentHashMap<>();

    SessionRunner(AgentLoop loop, SessionRepository sessions, SessionEvents events, LabProperties limits) {
        this.loop = loop;
        this.sessions = sessions;
        this.events = events;
        this.limits = limits;
        this.instance = limits.instanceId() != null && !limits.instanceId().isBlank() ? limits.instanceId()
                : hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.threads = SessionThreads.create(limits.maxConcurrent(), limits.maxRunningPerUser());
        long every = limits.heartbeatInterval().toMillis();
        clock.scheduleWithFixedDelay(this::supervise, every, every, TimeUnit.MILLISECONDS);
        log.info("Instance {} runs agent sessions (heartbeat {}, lost after {})", instance, limits.heartbeatInterval(),
                limits.instanceTimeout());
    }

    /** This instance's name in the database: a new session is stored owned by it ({@link SessionRepository#insert}). */
    String instance() {
        return instance;
    }

    /**
     * A slot for a session of this user when it can start at once (it is then stored as running: no status change to
     * write when it starts), else null (stored as pending, it waits its turn). A slot held goes to {@link #start}, or
     * back with {@link #release} when the session is not stored after all.
     */
    SessionPool.Reservation reserve(UUID userId) {
        return threads.reserve(userId);
    }

    void release(SessionPool.Reservation slot) {
        if (slot != null) {
            threads.release(slot);
        }
    }

    /** Runs a session stored with this instance as its owner: in the slot held for it, or when its turn comes. */
    void start(AgentSession session, CallRoute model, SessionPool.Reservation slot) {
        RunControl control = new RunControl(session.userId());
        running.put(session.id(), control);
        Runnable task = () -> {
            // the wall clock counts from the start: a session that waited its turn still gets its whole time
            ScheduledFuture<?> deadline = deadline(control);
            control.enter();
            try {
                loop.run(session, model, control);
            } finally {
                control.exit();
                if (deadline != null) {
                    deadline.cancel(false);
                }
                running.remove(session.id());
            }
        };
        if (slot != null) {
            threads.run(slot, task);
        } else {
            // one queue per user, taking turns: a user's sessions beyond byom.agent.max-running-per-user wait (pending)
            // without holding a slot, so they never keep another user's session from starting
            threads.execute(session.userId(), task);
        }
    }

    /** Stops the session at its wall-clock limit; null once shutting down (the session has been stopped already). */
    private ScheduledFuture<?> deadline(RunControl control) {
        try {
            return clock.schedule(() -> control.stop(SessionStatus.LIMIT_REACHED), limits.wallClock().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            return null;
        }
    }

    /** Stops a session running (or waiting) on this instance; false when it is not here. */
    boolean stop(UUID sessionId) {
        RunControl control = running.get(sessionId);
        if (control == null) {
            return false;
        }
        control.stop(SessionStatus.CANCELLED);
        return true;
    }

    /**
     * A deleted account's sessions running here stop at once, their provider calls aborted. Their rows went with the
     * account; other instances stop theirs at their next beat ({@link #supervise()}: the rows are gone).
     */
    @TransactionalEventListener(fallbackExecution = true)
    void stopSessionsOf(AccountDeleted event) {
        running.values().stream().filter(control -> control.owner().equals(event.userId()))
                .forEach(control -> control.stop(SessionStatus.CANCELLED));
    }

    /** True once the session was told to stop, or when it no longer runs here. */
    boolean stopRequested(UUID sessionId) {
        RunControl control = running.get(sessionId);
        return control == null || control.stopRequested();
    }

    boolean runsHere(UUID sessionId) {
        return running.containsKey(sessionId);
    }

    /** Heartbeat, stop what ended elsewhere, sweep what other instances lost. Never throws (a DB outage just skips a beat). */
    void supervise() {
        try {
            Instant now = Instant.now();
            sessions.heartbeat(instance, now);
            for (UUID ended : sessions.endedAmong(List.copyOf(running.keySet()))) {
                RunControl control = running.get(ended);
                if (control != null) {
                    // cancelled through another instance (the status is set), or its account was deleted (no row)
                    control.stop(SessionStatus.CANCELLED);
                }
            }
            Instant staleBefore = now.minus(limits.instanceTimeout());
            for (UUID lost : sessions.staleSessions(staleBefore, 500)) {
                if (!running.containsKey(lost) && sessions.markLost(lost, staleBefore, "The service instance running "
                        + "this session stopped answering; the steps so far are kept. Start a new session to continue.",
                        now)) {
                    log.warn("Session {} ended as instance_lost: its instance went silent", lost);
                    events.status(lost, true, () -> sessions.find(lost));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Session supervision skipped a beat: {}", e.getClass().getSimpleName());
        }
    }

    /** A graceful shutdown ends this instance's sessions as instance_lost rather than leaving them running. */
    @Override
    public void destroy() {
        running.values().forEach(control -> control.stop(SessionStatus.INSTANCE_LOST));
        clock.shutdownNow();
        threads.shutdown();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "instance";
        }
    }
}
