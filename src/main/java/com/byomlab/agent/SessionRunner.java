package com.byomlab.agent;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs sessions asynchronously on this instance, enforces the wall-clock limit, and stops them on request. */
@Component
class SessionRunner implements DisposableBean {

    private final AgentLoop loop;
    private final LabProperties limits;
    private final ExecutorService threads;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "session-deadlines");
        t.setDaemon(true);
        return t;
    });
    private final Map<UUID, RunControl> running = new ConcurrentHashMap<>();

    SessionRunner(AgentLoop loop, LabProperties limits) {
        this.loop = loop;
        this.limits = limits;
        this.threads = SessionThreads.create(limits.maxConcurrent());
    }

    void start(AgentSession session, ChosenModel model) {
        RunControl control = new RunControl();
        running.put(session.id(), control);
        ScheduledFuture<?> deadline = clock.schedule(() -> control.stop(SessionStatus.LIMIT_REACHED),
                limits.wallClock().toMillis(), TimeUnit.MILLISECONDS);
        threads.execute(() -> {
            control.enter();
            try {
                loop.run(session, model, control);
            } finally {
                control.exit();
                deadline.cancel(false);
                running.remove(session.id());
            }
        });
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

    @Override
    public void destroy() {
        clock.shutdownNow();
        threads.shutdownNow();
    }
}
