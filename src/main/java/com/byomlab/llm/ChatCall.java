package com.byomlab.llm;

import java.util.List;
import java.util.Objects;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;

/**
 * One LLM call. Messages and tools are LangChain4j core neutral types ({@code dev.langchain4j.data.message.*},
 * {@link ToolSpecification}); the provider-specific shapes are made inside {@link LlmChat}.
 *
 * @param model  the provider's model id; for azure_openai the deployment name
 * @param stream  true: the answer is streamed; text deltas reach {@link ChatListener#onPartialText} and tool call
 *                pieces {@link ChatListener#onPartialToolCall} as they arrive
 * @param options sampling and tool-choice settings; {@link ChatOptions#DEFAULTS} leaves them to the provider
 */
public record ChatCall(ProviderTarget target, String model, List<ChatMessage> messages, List<ToolSpecification> tools,
        boolean stream, ChatOptions options) {

    public ChatCall {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        options = options == null ? ChatOptions.DEFAULTS : options;
    }

    /** A call with the provider's default settings. */
    public ChatCall(ProviderTarget target, String model, List<ChatMessage> messages, List<ToolSpecification> tools,
            boolean stream) {
        this(target, model, messages, tools, stream, ChatOptions.DEFAULTS);
    }
}
