package com.byomlab.gateway;

import com.byomlab.llm.ChatOptions;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A {@code POST /v1/responses} request translated to neutral LangChain4j terms, with what the answer echoes back.
 *
 * @param model         as the client named it; null when it named none (the credential's model is used then)
 * @param instructions  the request's {@code instructions}, echoed on the Response object; null when absent
 * @param echo          the request settings a Response object repeats as sent: {@code tools}, {@code tool_choice},
 *                      {@code temperature}, {@code top_p}, {@code max_output_tokens}, {@code parallel_tool_calls},
 *                      {@code metadata}, {@code text}, {@code reasoning}, {@code truncation}, {@code user}
 * @param namespaces    the namespace of each function tool offered from a {@code namespace} tool, by the flat name
 *                      it is offered to the provider under ({@code <namespace>__<name>}; providers know no namespaces)
 */
record ResponseRequest(String model, List<ChatMessage> messages, List<ToolSpecification> tools, ChatOptions options,
                       boolean stream, String instructions, JsonNode echo, Map<String, String> namespaces) {

    static final String NAMESPACE_SEPARATOR = "__";

    /** The provider's flat name of a function of {@code namespace} (null: a top-level function). */
    static String flatName(String namespace, String name) {
        return namespace == null ? name : namespace + NAMESPACE_SEPARATOR + name;
    }

    /** The namespace of a tool the provider called by its flat name; null for a top-level function. */
    String namespaceOf(String flatName) {
        return namespaces.get(flatName);
    }

    /** The name a client knows a tool the provider called by its flat name. */
    String nameOf(String flatName) {
        String namespace = namespaces.get(flatName);
        return namespace == null ? flatName : flatName.substring(namespace.length() + NAMESPACE_SEPARATOR.length());
    }
}
