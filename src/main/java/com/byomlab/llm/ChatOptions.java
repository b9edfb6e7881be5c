package com.byomlab.llm;

import java.util.List;

import dev.langchain4j.model.chat.request.ToolChoice;

/**
 * Optional sampling and tool settings of one {@link ChatCall}; null means the provider's (or the model's) default.
 * The agent uses none of them; the OpenAI-compatible gateway passes on what its clients ask for.
 *
 * @param toolChoice LangChain4j's neutral AUTO / REQUIRED / NONE
 */
public record ChatOptions(Double temperature, Double topP, Integer maxOutputTokens, List<String> stopSequences,
        ToolChoice toolChoice) {

    public static final ChatOptions DEFAULTS = new ChatOptions(null, null, null, null, null);

    public ChatOptions {
        stopSequences = stopSequences == null ? null : List.copyOf(stopSequences);
    }
}
