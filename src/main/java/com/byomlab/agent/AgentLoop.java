package com.byomlab.agent;

import com.byomlab.calls.CallListener;
import com.byomlab.calls.CallOrigin;
import com.byomlab.calls.CallRefused;
import com.byomlab.calls.CallRoute;
import com.byomlab.calls.Conversations;
import com.byomlab.calls.Fallback;
import com.byomlab.calls.MeteredCalls;
import com.byomlab.calls.MeteredTurn;
import com.byomlab.calls.Writes;
import com.byomlab.llm.ChatOptions;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.LlmCallException;
import com.byomlab.llm.ProviderError;
import com.byomlab.telemetry.GenAiTelemetry;
import com.byomlab.usage.Budgets;
import com.byomlab.usage.Cost;
import com.byomlab.vault.CredentialUnavailableException;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tool-calling loop of one session: the model chooses tools, they run, their results go back,
 * until the model answers or a limit stops it. Every step is persisted before it is streamed, every
 * call is metered and checked against the user's caps, and nothing escapes: whatever happens, the
 * session ends in a final status with its steps kept.
 */
@Component
class AgentLoop {

    private static final Logger log = LoggerFactory.getLogger(AgentLoop.class);

    private final SessionRepository sessions;
    private final SessionEvents events;
    private final LabTools tools;
    private final MeteredCalls calls;
    private final LabProperties limits;
    private final Budgets budgets;
    private final GenAiTelemetry telemetry;

    AgentLoop(SessionRepository sessions, SessionEvents events, LabTools tools, MeteredCalls calls,
              LabProperties limits, Budgets budgets, GenAiTelemetry telemetry) {
        this.sessions = sessions;
        this.events = events;
        this.tools = tools;
        this.calls = calls;
        this.limits = limits;
        this.budgets = budgets;
        this.telemetry = telemetry;
    }

    /** The session is one trace: its calls and tools are spans beneath its own (invoke_agent). */
    void run(AgentSession session, CallRoute model, RunControl control) {
        try (GenAiTelemetry.Agent trace = telemetry.agent(session.id(), model.provider(), model.model())) {
            runTraced(session, model, control);
        }
    }

    private void runTraced(AgentSession session, CallRoute model, RunControl control) {
        Instant deadline = Instant.now().plus(limits.wallClock());
        // a session stored as running (a slot was free when it was created) has no status change to write
        if (session.sessionStatus() != SessionStatus.RUNNING && !sessions.markRunning(session.id(), Instant.now())) {
            // cancelled (or taken as lost) while it waited, or its account was deleted
            publishFinal(session, SessionStatus.CANCELLED, "Cancelled before it started.", "cancelled");
            return;
        }
        publishStatus(session, false);
        Steps steps = new Steps(session, sessions, events, deadline);
        try {
            loop(session, model, control, steps, deadline);
        } catch (InterruptedException e) {
            SessionStatus why = control.stopReason();
            String reason = switch (why) {
                case LIMIT_REACHED -> "Stopped at the session's wall-clock limit of " + human(limits.wallClock()) + ".";
                case INSTANCE_LOST -> "The service instance running this session was shut down; the steps so far "
                        + "are kept. Start a new session to continue.";
                default -> "Cancelled by the user.";
            };
            finish(session, steps, why, reason, switch (why) {
                case LIMIT_REACHED -> "timeout";
                case INSTANCE_LOST -> "instance_lost";
                default -> "cancelled";
            }, null);
        } catch (CredentialUnavailableException e) {
            record(steps, "credential_deleted", "The credential this session runs on was deleted.");
            finish(session, steps, SessionStatus.CREDENTIAL_DELETED, "The credential this session ran on was deleted, so it "
                    + "stopped before its next model call. The steps so far are kept.", "credential_deleted", null);
        } catch (RuntimeException e) {
            if (accountDeleted(session)) { // a write hit the rows that went with the account, before the stop came
                finish(session, steps, SessionStatus.CANCELLED, "Cancelled: the account was deleted.", "cancelled", null);
                return;
            }
            log.error("Session {} failed unexpectedly: {}", session.id(), e.getClass().getName());
            record(steps, "internal_error", "The session stopped on an internal error.");
            finish(session, steps, SessionStatus.FAILED, "The session stopped on an internal error; its steps so far are kept.",
                    "internal_error", null);
        }
    }

    private void loop(AgentSession session, CallRoute firstModel, RunControl control, Steps steps, Instant deadline)
            throws InterruptedException, CredentialUnavailableException {
        CallRoute model = firstModel;
        List<ChatMessage> messages = new ArrayList<>(PromptTemplates.opening(model.provider(), model.model(),
                session.userGoal()));
        int llmCalls = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (int turn = 1; ; turn++) {
            String limit = turn > limits.maxIterations() ? "it used its " + limits.maxIterations() + " model turns"
                    : llmCalls >= limits.maxLlmCalls() ? "it made its " + limits.maxLlmCalls() + " LLM calls" : null;
            if (limit != null) {
                finish(session, steps, SessionStatus.LIMIT_REACHED, "Stopped because " + limit
                        + " without a final answer. Try a narrower goal.", "limit_reached", null);
                return;
            }
            control.checkNotStopped();
            MeteredTurn metered;
            try {
                metered = calls.chat(model, CallOrigin.labTurn(session.userId(), session.id(), cost,
                        writesUntil(deadline)), List.copyOf(messages), tools.specifications(), true,
                        ChatOptions.PROMPT_CACHING, listener(session, steps));
            } catch (CallRefused refused) {
                // a cap reached; or own keys switched off by the operator while the session ran
                finish(session, steps, refused.kind() == CallRefused.Kind.OVER_BUDGET ? SessionStatus.COST_LIMIT_REACHED
                        : SessionStatus.FAILED, refused.getMessage(), refused.code(), null);
                return;
            } catch (LlmCallException e) {
                ProviderError error = e.error();
                steps.failedCall(error.code().code(), error.message(), e.attempts());
                finish(session, steps, SessionStatus.FAILED, error.message() + (error.hint() == null ? "" : " " + error.hint()),
                        error.code().code(), null);
                return;
            }
            if (metered.fellBack()) {
                // the session goes on where the call answered; the conversation is carried to its provider
                messages = new ArrayList<>(Conversations.carriedTo(model.provider(), metered.route().provider(),
                        messages));
                model = metered.route().forLaterCalls();
                llmCalls += metered.fallbacks().stream().mapToInt(Fallback::failedAttempts).sum();
            }
            ChatTurn answer = metered.turn();
            llmCalls += answer.attempts();
            Cost callCost = metered.cost();
            AiMessage ai = answer.message();
            steps.modelTurn(ai, answer.usage(), answer.latencyMs(), answer.attempts(), callCost);
            if (callCost.known()) {
                BigDecimal before = cost;
                cost = cost.add(callCost.usd());
                BigDecimal after = cost;
                DatabaseRetry.run("cost alert check", deadline,
                        () -> budgets.afterCall(session.userId(), session.id(), before, after));
            }
            control.checkNotStopped();
            messages.add(ai);
            if (!ai.hasToolExecutionRequests()) {
                finish(session, steps, SessionStatus.COMPLETED, null, null, ai.text());
                return;
            }
            for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
                steps.toolCall(request);
                LabTools.ToolResult result;
                try (GenAiTelemetry.Tool trace = telemetry.tool(request.name(), request.id(), request.arguments())) {
                    result = DatabaseRetry.write("tool " + request.name(), deadline, () -> tools.execute(request));
                    trace.result(result.json(), result.error());
                }
                steps.toolResult(request, result);
                messages.add(ToolExecutionResultMessage.from(request, result.json()));
                control.checkNotStopped();
            }
        }
    }

    /** A session's database work outlives an outage until its deadline ({@link DatabaseRetry}). */
    private static Writes writesUntil(Instant deadline) {
        return new Writes() {
            @Override
            public <T> T write(String what, java.util.function.Supplier<T> work) throws InterruptedException {
                return DatabaseRetry.write(what, deadline, work);
            }
        };
    }

    private CallListener listener(AgentSession session, Steps steps) {
        return new CallListener() {
            @Override
            public void onPartialText(String delta) {
                events.delta(session.id(), delta);
            }

            /** A step of the session, live on its page, before the next credential is asked. */
            @Override
            public void onFallback(Fallback fallback) throws InterruptedException {
                steps.fallback(fallback);
            }
        };
    }

    private void record(Steps steps, String code, String message) {
        try {
            steps.error(code, message);
        } catch (InterruptedException | RuntimeException e) {
            log.warn("Could not record the last step of a session: {}", e.getClass().getSimpleName());
        }
    }

    /** Ends the session; retried through an outage but never past the point of giving up the thread. */
    private void finish(AgentSession session, Steps steps, SessionStatus status, String reason, String code,
                        String report) {
        telemetry.sessionEnded(code);
        try {
            Instant retryUntil = Instant.now().plus(Duration.ofMinutes(2));
            SessionRepository.Totals totals = steps.unwrittenTotals();
            Boolean ended = DatabaseRetry.write("end of session " + session.id(), retryUntil,
                    () -> totals == null ? sessions.finish(session.id(), status, reason, code, report, Instant.now())
                            : sessions.finish(session.id(), status, reason, code, report, Instant.now(), totals));
            if (Boolean.TRUE.equals(ended)) {
                log.info("Session {} ended: {}", session.id(), status.id());
            } else if (totals != null) {
                // it ended meanwhile (cancelled by its user): its last steps still count
                DatabaseRetry.run("totals of session " + session.id(), retryUntil,
                        () -> sessions.writeTotals(session.id(), totals));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the instance-loss sweep of another instance ends it
        } catch (RuntimeException e) {
            log.error("Session {} could not be ended ({}); the instance-loss sweep will end it",
                    session.id(), e.getClass().getSimpleName());
        }
        publishFinal(session, status, reason, code);
    }

    private void publishStatus(AgentSession session, boolean isFinal) {
        events.status(session.id(), isFinal, () -> sessions.find(session.id()));
    }

    /**
     * The final status as stored; when the row is gone (the account was deleted), as this loop ended it, so that a
     * page still watching learns that the session ended.
     */
    private void publishFinal(AgentSession session, SessionStatus status, String reason, String code) {
        try {
            events.status(session.id(), true, () -> sessions.find(session.id())
                    .or(() -> Optional.of(session.endedAs(status, reason, code, Instant.now()))));
        } catch (RuntimeException e) {
            log.debug("status of session {} not published: {}", session.id(), e.getClass().getSimpleName());
        }
    }

    private boolean accountDeleted(AgentSession session) {
        try {
            return sessions.find(session.id()).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toSeconds() >= 60 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
