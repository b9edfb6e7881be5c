package com.byomlab.ui;

import com.byomlab.agent.AgentStep;
import tools.jackson.core.JacksonException;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One step of a session as the page lists it. Tool arguments and results are pretty-printed JSON; an error
 * shows its message. The same shape is built in the browser from live events (session.js).
 */
record StepView(int seq, String kind, String title, String toolName, String body, String meta) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The same layout as the browser's JSON.stringify(value, null, 2), so live and reloaded steps look alike. */
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(
            Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER));

    static StepView of(AgentStep s) {
        return new StepView(s.seq(), s.kind(), title(s), s.toolName(), body(s), meta(s));
    }

    private static String title(AgentStep s) {
        return switch (s.kind()) {
            case AgentStep.MODEL_TURN -> "Model turn";
            case AgentStep.TOOL_CALL -> "Tool call: " + s.toolName();
            case AgentStep.TOOL_RESULT -> "Tool result: " + s.toolName();
            case AgentStep.ERROR -> "Error";
            case AgentStep.FALLBACK -> "Switched model";
            default -> s.kind();
        };
    }

    private static String body(AgentStep s) {
        String content = s.content() == null ? "" : s.content();
        if (AgentStep.ERROR.equals(s.kind()) || AgentStep.FALLBACK.equals(s.kind())) {
            JsonNode error = parse(content);
            return error != null && error.has("message") ? error.get("message").asString() : content;
        }
        if (AgentStep.TOOL_CALL.equals(s.kind()) || AgentStep.TOOL_RESULT.equals(s.kind())) {
            JsonNode json = parse(content);
            return json == null ? content : JSON.writer().with(PRETTY).writeValueAsString(json);
        }
        return content.isBlank() ? "(no text: the model asked for tools)" : content;
    }

    private static String meta(AgentStep s) {
        StringBuilder m = new StringBuilder();
        if (s.inputTokens() != null) {
            m.append(s.inputTokens()).append(" in / ").append(s.outputTokens() == null ? 0 : s.outputTokens())
                    .append(" out tokens");
        }
        int read = s.cachedTokens() == null ? 0 : s.cachedTokens();
        int written = s.cacheWriteTokens() == null ? 0 : s.cacheWriteTokens();
        if (read > 0 || written > 0) {
            m.append(m.isEmpty() ? "" : " · ").append(read).append(" read from cache / ").append(written)
                    .append(" written");
        }
        if (s.latencyMs() != null) {
            m.append(m.isEmpty() ? "" : " · ").append(s.latencyMs()).append(" ms");
        }
        return m.toString();
    }

    static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }
}
