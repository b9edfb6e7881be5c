package com.byomlab.gateway;

import com.byomlab.llm.ChatOptions;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;

import java.util.List;

/**
 * A {@code POST /v1/chat/completions} request translated to neutral LangChain4j terms.
 *
 * @param model        as the client named it; null when it named none (the credential's model is used then)
 * @param includeUsage {@code stream_options.include_usage}: a final usage chunk with empty choices
 */
record CompletionRequest(String model, List<ChatMessage> messages, List<ToolSpecification> tools, ChatOptions options,
                         boolean stream, boolean includeUsage) {
}
