package com.byomlab.agent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Live server-sent events of the sessions running on this instance: every persisted step (event
 * "step", id = its sequence number, so a reconnecting client resumes with Last-Event-ID), partial model
 * text ("delta", not persisted) and status changes ("status"; the stream ends after a final one).
 */
@Component
class SessionEvents {

    private static final Logger log = LoggerFactory.getLogger(SessionEvents.class);

    /** One browser tab: steps it already has are not sent twice (replay and live may overlap). */
    static final class Subscriber {
        private final SseEmitter emitter;
        private int lastSeq;
        private boolean closed;

        Subscriber(SseEmitter emitter, int lastSeq) {
            this.emitter = emitter;
            this.lastSeq = lastSeq;
        }

        synchronized void step(AgentStep step) {
            if (closed || step.seq() <= lastSeq) {
                return;
            }
            lastSeq = step.seq();
            send(SseEmitter.event().name("step").id(Integer.toString(step.seq())).data(step));
        }

        synchronized int lastSeq() {
            return lastSeq;
        }

        synchronized boolean isClosed() {
            return closed;
        }

        synchronized void delta(String text) {
            if (!closed) {
                send(SseEmitter.event().name("delta").data(Map.of("text", text)));
            }
        }

        synchronized void status(AgentSession session) {
            if (closed) {
                return;
            }
            send(SseEmitter.event().name("status").data(session));
            if (session.sessionStatus().isFinal()) {
                closed = true;
                emitter.complete();
            }
        }

        /** Ends the stream without a status: the session is gone (its account was deleted). */
        synchronized void end() {
            if (!closed) {
                closed = true;
                emitter.complete();
            }
        }

        private void send(SseEmitter.SseEventBuilder event) {
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException e) {
                closed = true; // the client went away; the session goes on
            }
        }
    }

    private final Map<UUID, CopyOnWriteArrayList<Subscriber>> bySession = new ConcurrentHashMap<>();

    Subscriber subscribe(UUID sessionId, SseEmitter emitter, int lastSeenSeq) {
        Subscriber subscriber = new Subscriber(emitter, lastSeenSeq);
        CopyOnWriteArrayList<Subscriber> list = bySession.computeIfAbsent(sessionId, id -> new CopyOnWriteArrayList<>());
        list.add(subscriber);
        Runnable remove = () -> list.remove(subscriber);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        return subscriber;
    }

    void step(UUID sessionId, AgentStep step) {
        forEach(sessionId, s -> s.step(step));
    }

    void delta(UUID sessionId, String text) {
        forEach(sessionId, s -> s.delta(text));
    }

    /**
     * Publishes a session's status as {@code current} reads it, read only when a subscriber on this instance
     * watches the session (most sessions are not watched live; a subscriber that arrives later replays the
     * status from the database after subscribing, so it misses nothing).
     */
    void status(UUID sessionId, boolean isFinal, java.util.function.Supplier<java.util.Optional<AgentSession>> current) {
        var list = bySession.get(sessionId);
        if (list == null || list.isEmpty()) {
            if (isFinal && list != null) {
                bySession.remove(sessionId, list);
            }
            return;
        }
        current.get().ifPresent(this::status);
    }

    void status(AgentSession session) {
        forEach(session.id(), s -> s.status(session));
        if (session.sessionStatus().isFinal()) {
            bySession.remove(session.id());
        }
    }

    private void forEach(UUID sessionId, java.util.function.Consumer<Subscriber> action) {
        var list = bySession.get(sessionId);
        if (list != null) {
            for (Subscriber s : list) {
                try {
                    action.accept(s);
                } catch (RuntimeException e) {
                    log.debug("dropping an event subscriber of session {}: {}", sessionId, e.getClass().getSimpleName());
                }
            }
        }
    }
}
