package com.byomlab.agent;

import com.byomlab.llm.TokenCounts;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;

import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Map;

/** Numbers, persists, then streams a session's steps, in order. One per running session. */
final class Steps {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final AgentSession session;
    private final SessionRepository sessions;
    private final SessionEvents events;
    private int seq;

    Steps(AgentSession session, SessionRepository sessions, SessionEvents events) {
        this.session = session;
        this.sessions = sessions;
        this.events = events;
    }

    void modelTurn(AiMessage message, TokenCounts usage, long latencyMs) {
        add(AgentStep.MODEL_TURN, message.text(), null, null, usage.input(), usage.output(), usage.cachedInput(),
                usage.reasoning(), latencyMs);
    }

    void toolCall(ToolExecutionRequest request) {
        add(AgentStep.TOOL_CALL, request.arguments(), request.name(), request.id(), null, null, null, null, null);
    }

    void toolResult(ToolExecutionRequest request, LabTools.ToolResult result) {
        add(AgentStep.TOOL_RESULT, result.json(), request.name(), request.id(), null, null, null, null, null);
    }

    void error(String code, String message) {
        add(AgentStep.ERROR, JSON.writeValueAsString(Map.of("code", code, "message", message)), null, null, null,
                null, null, null, null);
    }

    private void add(String kind, String content, String tool, String callId, Integer in, Integer out, Integer cached,
                     Integer reasoning, Long latency) {
        AgentStep step = new AgentStep(++seq, kind, content, tool, callId, in, out, cached, reasoning, latency,
                Instant.now());
        sessions.insertStep(session.id(), step);
        events.step(session.id(), step);
    }
}
