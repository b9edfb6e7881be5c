package com.byomlab.agent;

import com.byomlab.llm.ApiKey;
import com.byomlab.llm.ChatCall;
import com.byomlab.llm.ChatListener;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.LlmCallException;
import com.byomlab.llm.LlmChat;
import com.byomlab.llm.ProviderError;
import com.byomlab.llm.SystemDefaultModel;
import com.byomlab.llm.TokenCounts;
import com.byomlab.usage.Budgets;
import com.byomlab.usage.Cost;
import com.byomlab.usage.LlmCallRecord;
import com.byomlab.usage.UsageMeter;
import com.byomlab.vault.CredentialUnavailableException;
import com.byomlab.vault.SessionCredentials;
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
import java.util.UUID;

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
    private final LlmChat chat;
    private final SessionCredentials credentials;
    private final SystemDefaultModel systemDefault;
    private final LabProperties limits;
    private final UsageMeter meter;
    private final Budgets budgets;

    AgentLoop(SessionRepository sessions, SessionEvents events, LabTools tools, LlmChat chat,
              SessionCredentials credentials, SystemDefaultModel systemDefault, LabProperties limits,
              UsageMeter meter, Budgets budgets) {
        this.sessions = sessions;
        this.events = events;
        this.tools = tools;
        this.chat = chat;
        this.credentials = credentials;
        this.systemDefault = systemDefault;
        this.limits = limits;
        this.meter = meter;
        this.budgets = budgets;
    }

    void run(AgentSession session, ChosenModel model, RunControl control) {
        Instant deadline = Instant.now().plus(limits.wallClock());
        if (!sessions.markRunning(session.id(), Instant.now())) {
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
            finish(session, why, reason, switch (why) {
                case LIMIT_REACHED -> "timeout";
                case INSTANCE_LOST -> "instance_lost";
                default -> "cancelled";
            }, null);
        } catch (CredentialUnavailableException e) {
            record(steps, "credential_deleted", "The credential this session runs on was deleted.");
            finish(session, SessionStatus.CREDENTIAL_DELETED, "The credential this session ran on was deleted, so it "
                    + "stopped before its next model call. The steps so far are kept.", "credential_deleted", null);
        } catch (RuntimeException e) {
            if (accountDeleted(session)) { // a write hit the rows that went with the account, before the stop came
                finish(session, SessionStatus.CANCELLED, "Cancelled: the account was deleted.", "cancelled", null);
                return;
            }
            log.error("Session {} failed unexpectedly: {}", session.id(), e.getClass().getName());
            record(steps, "internal_error", "The session stopped on an internal error.");
            finish(session, SessionStatus.FAILED, "The session stopped on an internal error; its steps so far are kept.",
                    "internal_error", null);
        }
    }

    private void loop(AgentSession session, ChosenModel model, RunControl control, Steps steps, Instant deadline)
            throws InterruptedException, CredentialUnavailableException {
        List<ChatMessage> messages = new ArrayList<>(PromptTemplates.opening(model.provider(), model.model(),
                session.userGoal()));
        int llmCalls = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (int turn = 1; ; turn++) {
            String limit = turn > limits.maxIterations() ? "it used its " + limits.maxIterations() + " model turns"
                    : llmCalls >= limits.maxLlmCalls() ? "it made its " + limits.maxLlmCalls() + " LLM calls" : null;
            if (limit != null) {
                finish(session, SessionStatus.LIMIT_REACHED, "Stopped because " + limit
                        + " without a final answer. Try a narrower goal.", "limit_reached", null);
                return;
            }
            control.checkNotStopped();
            BigDecimal spent = cost;
            Optional<String> overBudget = DatabaseRetry.write("budget check", deadline,
                    () -> budgets.refusal(session.userId(), session.id(), spent));
            if (overBudget.isPresent()) {
                finish(session, SessionStatus.COST_LIMIT_REACHED, overBudget.get(), "cost_limit_reached", null);
                return;
            }
            UUID callId = LlmCallRecord.newCallId();
            ChatTurn answer;
            try (ApiKey key = openKey(session, model, deadline)) {
                answer = chat.chat(new ChatCall(model.target(), model.model(), List.copyOf(messages),
                        tools.specifications(), true), key, listener(session));
            } catch (LlmCallException e) {
                meter(callId, session, model, e.error().code().code(), e.attempts(), TokenCounts.notReported(), 0, deadline);
                ProviderError error = e.error();
                steps.failedCall(error.code().code(), error.message(), e.attempts());
                finish(session, SessionStatus.FAILED, error.message() + (error.hint() == null ? "" : " " + error.hint()),
                        error.code().code(), null);
                return;
            }
            llmCalls += answer.attempts();
            Cost callCost = meter(callId, session, model, "ok", answer.attempts(), answer.usage(), answer.latencyMs(),
                    deadline);
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
                finish(session, SessionStatus.COMPLETED, null, null, ai.text());
                return;
            }
            for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
                steps.toolCall(request);
                LabTools.ToolResult result = DatabaseRetry.write("tool " + request.name(), deadline,
                        () -> tools.execute(request));
                steps.toolResult(request, result);
                messages.add(ToolExecutionResultMessage.from(request, result.json()));
                control.checkNotStopped();
            }
        }
    }

    /** Meters one call; the call id makes the record idempotent if the write is retried after an outage. */
    private Cost meter(UUID callId, AgentSession session, ChosenModel model, String outcome, int attempts,
                       TokenCounts usage, long latencyMs, Instant deadline) throws InterruptedException {
        LlmCallRecord call = new LlmCallRecord(callId, session.userId(), session.id(), model.credentialId(), "agent",
                model.provider(), model.model(), outcome, attempts, usage, latencyMs);
        return DatabaseRetry.write("usage of session " + session.id(), deadline, () -> meter.record(call));
    }

    /** The user's key is decrypted for this one call only; a deleted credential stops the session here. */
    private ApiKey openKey(AgentSession session, ChosenModel model, Instant deadline)
            throws CredentialUnavailableException, InterruptedException {
        if (!model.usesUserKey()) {
            return systemDefault.key();
        }
        try {
            return DatabaseRetry.write("key lookup", deadline, () -> {
                try {
                    return credentials.open(session.userId(), model.credentialId(), session.id());
                } catch (CredentialUnavailableException e) {
                    throw new Unavailable(e);
                }
            });
        } catch (Unavailable e) {
            throw e.cause;
        }
    }

    /** Carries a checked exception through {@link DatabaseRetry}'s supplier. */
    private static final class Unavailable extends RuntimeException {
        final CredentialUnavailableException cause;

        Unavailable(CredentialUnavailableException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }

    private ChatListener listener(AgentSession session) {
        return new ChatListener() {
            @Override
            public void onPartialText(String delta) {
                events.delta(session.id(), delta);
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
    private void finish(AgentSession session, SessionStatus status, String reason, String code, String report) {
        try {
            Boolean ended = DatabaseRetry.write("end of session " + session.id(),
                    Instant.now().plus(Duration.ofMinutes(2)),
                    () -> sessions.finish(session.id(), status, reason, code, report, Instant.now()));
            if (Boolean.TRUE.equals(ended)) {
                log.info("Session {} ended: {}", session.id(), status.id());
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
