package com.byomlab.agent;

import com.byomlab.calls.CallRoute;
import com.byomlab.calls.Fallback;
import com.byomlab.llm.TokenCounts;
import com.byomlab.usage.Cost;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers, persists, then streams a session's steps, in order. One per running session. Writes survive
 * a database outage (see {@link DatabaseRetry}); a step that carries usage updates the session's totals, which
 * are summed here (this is the only writer of a running session's steps). A step after
 * which the session ends (a model turn that answers, a call that failed for good) leaves its totals to the
 * session's end, which writes them with the final status ({@link #unwrittenTotals()}): one row write fewer.
 */
final class Steps {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AgentSession session;
    private final SessionRepository sessions;
    private final SessionEvents events;
    private final Instant deadline;
    private int seq;
    private SessionRepository.Totals totals = SessionRepository.Totals.NONE;
    private SessionRepository.Totals unwritten;
    private final List<ModelUsed> modelsUsed;

    Steps(AgentSession session, SessionRepository sessions, SessionEvents events, Instant deadline) {
        this.session = session;
        this.sessions = sessions;
        this.events = events;
        this.deadline = deadline;
        this.modelsUsed = new ArrayList<>(session.modelsUsed());
    }

    void modelTurn(AiMessage message, TokenCounts usage, long latencyMs, int attempts, Cost cost)
            throws InterruptedException {
        // an answer without tool calls ends the session (AgentLoop): its end writes the totals
        add(new AgentStep(++seq, AgentStep.MODEL_TURN, message.text(), null, null, usage.input(), usage.output(),
                usage.cachedInput(), usage.cacheWrite(), usage.reasoning(), latencyMs, attempts, cost.known() ? cost.usd() : null,
                cost.known(), Instant.now(), cost.cacheSavingUsd()), !message.hasToolExecutionRequests());
    }

    void toolCall(ToolExecutionRequest request) throws InterruptedException {
        add(plain(AgentStep.TOOL_CALL, request.arguments(), request.name(), request.id()), false);
    }

    void toolResult(ToolExecutionRequest request, LabTools.ToolResult result) throws InterruptedException {
        add(plain(AgentStep.TOOL_RESULT, result.json(), request.name(), request.id()), false);
    }

    void error(String code, String message) throws InterruptedException {
        add(plain(AgentStep.ERROR, errorJson(code, message), null, null), false);
    }

    /**
     * A model call that failed for good: its attempts count, and failed calls are not billed. The session ends next,
     * and its end writes the totals.
     */
    void failedCall(String code, String message, int attempts) throws InterruptedException {
        add(new AgentStep(++seq, AgentStep.ERROR, errorJson(code, message), null, null, null, null, null, null, null,
                null, attempts, BigDecimal.ZERO, true, Instant.now(), null), true);
    }

    /**
     * The call moved to another credential of the fallback order: a step that says so (live on the page), then the
     * session's model is the new one. The attempts spent on the credential it left count as the session's calls.
     */
    void fallback(Fallback move) throws InterruptedException {
        add(new AgentStep(++seq, AgentStep.FALLBACK, fallbackJson(move), null, null, null, null, null, null, null,
                null, move.failedAttempts(), BigDecimal.ZERO, true, Instant.now(), null), false);
        ModelUsed now = ModelUsed.of(move.to());
        modelsUsed.add(now);
        List<ModelUsed> all = List.copyOf(modelsUsed);
        DatabaseRetry.run("model of session " + session.id(), deadline, () -> sessions.switchedTo(session.id(), now,
                move.to().usesUserKey(), move.to().simulated(), all));
    }

    private static String fallbackJson(Fallback move) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", move.reason());
        json.put("message", move.describe());
        json.put("from", route(move.from()));
        json.put("to", route(move.to()));
        json.put("failed_attempts", move.failedAttempts());
        if (move.coolingUntil() != null) {
            json.put("cooling_until", move.coolingUntil().toString());
        }
        return JSON.writeValueAsString(json);
    }

    private static Map<String, Object> route(CallRoute route) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("credential_id", route.credentialId() == null ? null : route.credentialId().toString());
        json.put("provider", route.provider().id());
        json.put("model", route.model());
        json.put("label", route.provider().displayName() + " · " + route.model());
        return json;
    }

    private AgentStep plain(String kind, String content, String tool, String callId) {
        return new AgentStep(++seq, kind, content, tool, callId, null, null, null, null, null, null, null, null,
                null, Instant.now(), null);
    }

    /**
     * Persists the step (with the session's totals when it carries usage, unless {@code totalsWithEnd}: then they wait
     * for the session's end), then streams it.
     */
    private void add(AgentStep step, boolean totalsWithEnd) throws InterruptedException {
        DatabaseRetry.run("step " + step.seq() + " of session " + session.id(), deadline,
                () -> sessions.insertStep(session.id(), step));
        if (step.attempts() != null) {
            SessionRepository.Totals now = totals.plus(step);
            if (totalsWithEnd) {
                unwritten = now;
            } else {
                // one transaction for the step and the totals measured no cheaper on H2 than two autocommits
                DatabaseRetry.run("totals of session " + session.id(), deadline,
                        () -> sessions.writeTotals(session.id(), now));
                unwritten = null;
            }
            totals = now;
        }
        events.step(session.id(), step);
    }

    /** The session's totals when its last steps left them to its end (null when they are stored already). */
    SessionRepository.Totals unwrittenTotals() {
        return unwritten;
    }

    private static String errorJson(String code, String message) {
        return JSON.writeValueAsString(Map.of("code", code, "message", message));
    }
}
