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
 * until the model answers or a limit stops it. Every step is persisted before it is streamed, and
 * nothing escapes: whatever happens, the session ends in a final status with its steps kept.
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
        if (!sessions.markRunning(session.id(), Instant.now())) {
            return; // cancelled while it waited
        }
        publishStatus(session);
        Steps steps = new Steps(session, sessions, events);
        List<ChatMessage> messages = new ArrayList<>(PromptTemplates.opening(model.provider(), model.model(),
                session.userGoal()));
        int llmCalls = 0;
        BigDecimal cost = BigDecimal.ZERO;
        try {
            for (int turn = 1; ; turn++) {
                String limit = turn > limits.maxIterations() ? "it used its " + limits.maxIterations() + " model turns"
                        : llmCalls >= limits.maxLlmCalls() ? "it made its " + limits.maxLlmCalls() + " LLM calls"
                        : null;
                if (limit != null) {
                    finish(session, SessionStatus.LIMIT_REACHED, "Stopped because " + limit
                            + " without a final answer. Try a narrower goal.", "limit_reached", null);
                    return;
                }
                control.checkNotStopped();
                Optional<String> overBudget = budgets.refusal(session.userId(), session.id(), cost);
                if (overBudget.isPresent()) {
                    finish(session, SessionStatus.COST_LIMIT_REACHED, overBudget.get(), "cost_limit_reached", null);
                    return;
                }
                ChatTurn answer;
                try (ApiKey key = openKey(session, model)) {
                    answer = call(session, model, messages, key);
                }
                llmCalls += answer.attempts();
                TokenCounts usage = answer.usage();
                Cost callCost = meter.record(callRecord(session, model, "ok", answer.attempts(), usage, answer.latencyMs()));
                sessions.addUsage(session.id(), answer.attempts(), orZero(usage.input()), orZero(usage.output()),
                        orZero(usage.cachedInput()), orZero(usage.reasoning()), callCost.known() ? callCost.usd() : null);
                if (callCost.known()) {
                    budgets.afterCall(session.userId(), session.id(), cost, cost = cost.add(callCost.usd()));
                }
                control.checkNotStopped();
                AiMessage ai = answer.message();
                steps.modelTurn(ai, usage, answer.latencyMs());
                messages.add(ai);
                if (!ai.hasToolExecutionRequests()) {
                    finish(session, SessionStatus.COMPLETED, null, null, ai.text());
                    return;
                }
                for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
                    steps.toolCall(request);
                    LabTools.ToolResult result = tools.execute(request);
                    steps.toolResult(request, result);
                    messages.add(ToolExecutionResultMessage.from(request, result.json()));
                    control.checkNotStopped();
                }
            }
        } catch (InterruptedException e) {
            SessionStatus why = control.stopReason();
            String reason = why == SessionStatus.LIMIT_REACHED
                    ? "Stopped at the session's wall-clock limit of " + human(limits.wallClock()) + "."
                    : "Cancelled by the user.";
            finish(session, why, reason, why == SessionStatus.LIMIT_REACHED ? "timeout" : "cancelled", null);
        } catch (CredentialUnavailableException e) {
            steps.error("credential_deleted", "The credential this session runs on was deleted.");
            finish(session, SessionStatus.CREDENTIAL_DELETED, "The credential this session ran on was deleted, so it "
                    + "stopped before its next model call. The steps so far are kept.", "credential_deleted", null);
        } catch (LlmCallException e) {
            ProviderError error = e.error();
            steps.error(error.code().code(), error.message());
            finish(session, SessionStatus.FAILED, error.message() + (error.hint() == null ? "" : " " + error.hint()),
                    error.code().code(), null);
        } catch (RuntimeException e) {
            log.error("Session {} failed unexpectedly: {}", session.id(), e.getClass().getName());
            steps.error("internal_error", "The session stopped on an internal error.");
            finish(session, SessionStatus.FAILED, "The session stopped on an internal error; its steps so far are kept.",
                    "internal_error", null);
        }
    }

    /** One LLM call; a call that fails for good is metered (as not billed) before the failure goes on. */
    private ChatTurn call(AgentSession session, ChosenModel model, List<ChatMessage> messages, ApiKey key)
            throws LlmCallException, InterruptedException {
        try {
            return chat.chat(new ChatCall(model.target(), model.model(), List.copyOf(messages), tools.specifications(),
                    true), key, listener(session));
        } catch (LlmCallException e) {
            meter.record(callRecord(session, model, e.error().code().code(), e.attempts(), TokenCounts.notReported(), 0));
            sessions.addUsage(session.id(), e.attempts(), 0, 0, 0, 0, BigDecimal.ZERO);
            throw e;
        }
    }

    private static LlmCallRecord callRecord(AgentSession session, ChosenModel model, String outcome, int attempts,
                                            TokenCounts usage, long latencyMs) {
        return new LlmCallRecord(UUID.randomUUID(), session.userId(), session.id(), model.credentialId(), "agent",
                model.provider(), model.model(), outcome, attempts, usage, latencyMs);
    }

    /** The user's key is decrypted for this one call only; a deleted credential stops the session here. */
    private ApiKey openKey(AgentSession session, ChosenModel model) throws CredentialUnavailableException {
        return model.usesUserKey() ? credentials.open(session.userId(), model.credentialId(), session.id())
                : systemDefault.key();
    }

    private ChatListener listener(AgentSession session) {
        return new ChatListener() {
            @Override
            public void onPartialText(String delta) {
                events.delta(session.id(), delta);
            }
        };
    }

    private void finish(AgentSession session, SessionStatus status, String reason, String code, String report) {
        if (sessions.finish(session.id(), status, reason, code, report, Instant.now())) {
            log.info("Session {} ended: {}", session.id(), status.id());
        }
        publishStatus(session);
    }

    private void publishStatus(AgentSession session) {
        sessions.find(session.id()).ifPresent(events::status);
    }

    private static long orZero(Integer n) {
        return n == null ? 0 : n;
    }

    private static String human(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toSeconds() >= 60 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
