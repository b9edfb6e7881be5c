package com.byomlab.llm.internal;

import java.util.List;
import java.util.UUID;

import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.TokenCounts;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;

/** Turns LangChain4j's answer into our neutral {@link ChatTurn}. */
final class ChatResponses {

    private ChatResponses() {
    }

    static ChatTurn toTurn(ChatResponse response, TokenCounts usage, long latencyMs, int attempts) {
        AiMessage message = withToolCallIds(response.aiMessage());
        return new ChatTurn(message, usage,
                finishReason(response.finishReason(), message), latencyMs, attempts, response.modelName());
    }

    /**
     * A Gemini functionCall has no id, but the agent pairs each tool result with its call by id: give every id-less
     * request one. (LangChain4j sends Gemini results by tool name, so the generated id never reaches the wire.)
     */
    static AiMessage withToolCallIds(AiMessage message) {
        if (message == null) {
            return AiMessage.from("");
        }
        if (!message.hasToolExecutionRequests()
                || message.toolExecutionRequests().stream().allMatch(r -> r.id() != null && !r.id().isBlank())) {
            return message;
        }
        List<ToolExecutionRequest> withIds = message.toolExecutionRequests().stream()
                .map(r -> r.id() != null && !r.id().isBlank() ? r
                        : r.toBuilder().id("call_" + UUID.randomUUID().toString().replace("-", "")).build())
                .toList();
        return message.toBuilder().toolExecutionRequests(withIds).build();
    }

    /** Tool calls win: Gemini reports STOP even when it answers with functionCall parts. */
    static String finishReason(FinishReason reason, AiMessage message) {
        if (message.hasToolExecutionRequests()) {
            return "tool_calls";
        }
        if (reason == null) {
            return "other";
        }
        return switch (reason) {
            case STOP -> "stop";
            case TOOL_EXECUTION -> "tool_calls";
            case LENGTH -> "length";
            case CONTENT_FILTER -> "content_filter";
            default -> "other";
        };
    }
}
