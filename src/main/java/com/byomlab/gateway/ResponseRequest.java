package com.byomlab.gateway;

import com.byomlab.llm.ChatOptions;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * A {@code POST /v1/responses} request translated to neutral LangChain4j terms, with what the answer echoes back.
 *
 * @param model         as the client named it; null when it named none (the credential's model is used then)
 * @param instructions  the request's {@code instructions}, echoed on the Response object; null when absent
 * @param echo          the request settings a Response object repeats as sent: {@code tools}, {@code tool_choice},
 *                      {@code temperature}, {@code top_p}, {@code max_output_tokens}, {@code parallel_tool_calls},
 *                      {@code metadata}, {@code text}, {@code reasoning}, {@code truncation}, {@code user}
 */
record ResponseRequest(String model, List<ChatMessage> messages, List<ToolSpecification> tools, ChatOptions options,
                       boolean stream, String instructions, JsonNode echo) {
}
