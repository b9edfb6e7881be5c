package com.byomlab.testsupport.fakes;

import java.util.List;
import java.util.Optional;

/**
 * A chat request as a fake provider received it, parsed into neutral terms so that one test can check any
 * provider. {@link #raw()} keeps the exact request for provider-specific assertions.
 *
 * @param authKey        the key as presented in the provider's auth header (Bearer stripped)
 * @param usageRequested OpenAI-style {@code stream_options.include_usage}; true for providers that always report
 * @param system         the system text (OpenAI system message, Anthropic top-level system, Gemini systemInstruction)
 */
public record ChatRequestSeen(String model, String authKey, boolean stream, boolean usageRequested, String system,
        List<String> toolNames, List<Message> messages, RecordedRequest raw) {

    /**
     * One turn. Roles are neutral: "user", "assistant", "tool" (a tool result; Anthropic sends these as
     * tool_result blocks inside a user turn, Gemini as functionResponse parts: each becomes one "tool" message).
     *
     * @param toolCallId for "tool": the id of the call it answers (null for Gemini, whose protocol has no ids)
     * @param toolName   for "tool": the tool's name where the protocol carries it (Gemini)
     */
    public record Message(String role, String text, List<ToolCallSeen> toolCalls, String toolCallId, String toolName) {
    }

    /** A tool call the assistant made in an earlier turn, as sent back to the provider. */
    public record ToolCallSeen(String id, String name, String argumentsJson) {
    }

    public List<Message> toolResults() {
        return messages.stream().filter(m -> m.role().equals("tool")).toList();
    }

    public Optional<Message> lastUserMessage() {
        return messages.stream().filter(m -> m.role().equals("user")).reduce((a, b) -> b);
    }
}
