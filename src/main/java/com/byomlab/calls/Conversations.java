package com.byomlab.calls;

import com.byomlab.llm.Provider;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * A conversation carried to another provider. LangChain4j's neutral messages carry over as they are (system, user,
 * assistant text, tool calls and tool results with their ids); what only the provider that wrote it can read is
 * dropped: an assistant message's thinking text and its attributes (Anthropic's thinking signature, Gemini's thought
 * signatures). Tool call ids are kept, except that characters Anthropic refuses in an id become '_' (in the call and
 * its result alike) when the conversation goes to Anthropic.
 */
public final class Conversations {

    private Conversations() {
    }

    public static List<ChatMessage> carriedTo(Provider from, Provider to, List<ChatMessage> messages) {
        if (from == to) {
            return messages;
        }
        List<ChatMessage> carried = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            if (message instanceof AiMessage ai) {
                AiMessage.Builder plain = AiMessage.builder().text(ai.text());
                if (ai.hasToolExecutionRequests()) {
                    plain.toolExecutionRequests(ai.toolExecutionRequests().stream()
                            .map(r -> to == Provider.ANTHROPIC ? r.toBuilder().id(anthropicId(r.id())).build() : r)
                            .toList());
                }
                carried.add(plain.build());
            } else if (message instanceof ToolExecutionResultMessage result && to == Provider.ANTHROPIC) {
                carried.add(result.toBuilder().id(anthropicId(result.id())).build());
            } else {
                carried.add(message);
            }
        }
        return carried;
    }

    /** Anthropic's tool_use ids match ^[a-zA-Z0-9_-]+$. */
    private static String anthropicId(String id) {
        return id == null ? null : id.replaceAll("[^a-zA-Z0-9_-]", "_");
    }
}
