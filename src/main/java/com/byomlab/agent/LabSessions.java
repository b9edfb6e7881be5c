package com.byomlab.agent;

import com.byomlab.calls.CallRoute;
import com.byomlab.calls.CallRoutes;
import com.byomlab.calls.FallbackOrder;
import com.byomlab.calls.FallbackOrders;
import com.byomlab.ratelimit.Limit;
import com.byomlab.ratelimit.RateLimits;
import com.byomlab.usage.CostEstimate;
import com.byomlab.usage.CostEstimates;
import io.micrometer.core.instrument.MeterRegistry;
import com.byomlab.web.ApiProblem;
import com.byomlab.web.CurrentUser;
import com.byomlab.web.UserText;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Agent sessions of the Lab: created on the model the user chose, run asynchronously, watched live. */
@Service
public class LabSessions {

    private final SessionRepository sessions;
    private final ModelChoices choices;
    private final CallRoutes routes;
    private final SessionRunner runner;
    private final SessionEvents events;
    private final LabProperties limits;
    private final CostEstimates estimates;
    private final MeterRegistry metrics;
    private final FallbackOrders fallbacks;
    private final RateLimits rateLimits;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "session-event-poller");
        t.setDaemon(true);
        return t;
    });

    LabSessions(SessionRepository sessions, ModelChoices choices, CallRoutes routes, SessionRunner runner,
                SessionEvents events, LabProperties limits, CostEstimates estimates, MeterRegistry metrics,
                FallbackOrders fallbacks, RateLimits rateLimits) {
        this.sessions = sessions;
        this.choices = choices;
        this.routes = routes;
        this.runner = runner;
        this.events = events;
        this.limits = limits;
        this.estimates = estimates;
        this.metrics = metrics;
        this.fallbacks = fallbacks;
        this.rateLimits = rateLimits;
    }

    /** A new session; refused with {@link com.byomlab.ratelimit.RateLimitExceeded} (429) before any work when the user's creation limit is spent. */
    public AgentSession create(CurrentUser user, SessionRequests.Create request) {
        rateLimits.consume(user.id(), Limit.SESSION_CREATES); // rate limit, for the API and the Lab page alike
        UserText.check("user_goal", request.userGoal()); // from JSON or the Lab page's form
        UserText.check("llm_model", request.llmModel());
        FallbackOrder fallback = request.llmFallback() == null ? null
                : fallbacks.validated(user.id(), request.llmFallback());
        CallRoute model = choices.resolve(user.id(), request.llmCredentialId(), blankToNull(request.llmModel()),
                Boolean.TRUE.equals(request.useSystemDefault()), fallback);
        // a session that can start at once is stored as running: its start has no status change to write
        SessionPool.Reservation slot = runner.reserve(user.id());
        try {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            AgentSession session = new AgentSession(UUID.randomUUID(), user.id(), request.userGoal().strip(),
                    (slot != null ? SessionStatus.RUNNING : SessionStatus.PENDING).id(), null, null,
                    model.credentialId(), model.provider().id(), model.model(), model.usesUserKey(), model.simulated(),
                    0, 0, 0, 0, 0, 0, BigDecimal.ZERO, true, null, now, slot != null ? now : null, null,
                    List.of(ModelUsed.of(model)), BigDecimal.ZERO);
            sessions.insert(session, runner.instance()); // owned by this instance from the start: no claim to write
            routes.recordSessionStart(model, user.id(), session.id(), user.clientAddress());
            metrics.counter("byom.sessions.created", "provider", model.provider().id()).increment();
            runner.start(session, model.forLaterCalls(), slot);
            slot = null;
            return session;
        } finally {
            runner.release(slot); // not started: the slot goes back
        }
    }

    /** What the session would cost, for the same choice as {@link #create}; nothing is created or decrypted. */
    public CostEstimate estimate(CurrentUser user, SessionRequests.Estimate request) {
        CallRoute model = choices.resolve(user.id(), request.llmCredentialId(), blankToNull(request.llmModel()),
                Boolean.TRUE.equals(request.useSystemDefault()), false);
        return estimates.estimate(model.provider(), model.model());
    }

    public List<AgentSession> list(CurrentUser user, int limit) {
        return sessions.list(user.id(), limit);
    }

    public AgentSession get(CurrentUser user, UUID id) {
        return sessions.find(user.id(), id).orElseThrow(() -> ApiProblem.notFound("Session " + id));
    }

    public List<AgentStep> steps(CurrentUser user, UUID id) {
        get(user, id);
        return sessions.steps(id, 0);
    }

    public AgentSession cancel(CurrentUser user, UUID id) {
        AgentSession session = get(user, id);
        if (session.sessionStatus().isFinal()) {
            throw ApiProblem.conflict("session_finished", "This session already ended (" + session.status()
                    + "); only pending or running sessions can be cancelled.");
        }
        if (sessions.finish(id, SessionStatus.CANCELLED, "Cancelled by the user.", "cancelled", null, Instant.now())) {
            runner.stop(id);
            AgentSession cancelled = get(user, id);
            events.status(cancelled);
            return cancelled;
        }
        return get(user, id); // it ended on its own a moment ago
    }

    /**
     * Replays the steps after {@code lastEventId}, then streams live until the session ends. A session
     * running on another instance is followed by polling the database (every 500 ms) instead.
     */
    public SseEmitter events(CurrentUser user, UUID id, int lastEventId) {
        get(user, id);
        SseEmitter emitter = new SseEmitter(limits.wallClock().plusMinutes(1).toMillis());
        SessionEvents.Subscriber subscriber = events.subscribe(id, emitter, lastEventId);
        for (AgentStep step : sessions.steps(id, lastEventId)) {
            subscriber.step(step);
        }
        AgentSession now = get(user, id);
        if (now.sessionStatus().isFinal()) {
            subscriber.status(now);
        } else {
            try {
                emitter.send(SseEmitter.event().name("status").data(now));
            } catch (IOException e) {
                emitter.completeWithError(e);
            }
            if (!runner.runsHere(id)) {
                followFromDatabase(user, id, subscriber);
            }
        }
        return emitter;
    }

    private void followFromDatabase(CurrentUser user, UUID id, SessionEvents.Subscriber subscriber) {
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = poller.scheduleWithFixedDelay(() -> {
            try {
                sessions.steps(id, subscriber.lastSeq()).forEach(subscriber::step);
                AgentSession s = sessions.find(user.id(), id).orElse(null);
                if (s == null || s.sessionStatus().isFinal() || subscriber.isClosed()) {
                    if (s != null) {
                        subscriber.status(s);
                    } else {
                        subscriber.end(); // its account was deleted
                    }
                    task[0].cancel(false);
                }
            } catch (RuntimeException e) {
                // a database hiccup: try again on the next tick
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
