package com.byomlab.llm.internal.providers;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.model.anthropic.AnthropicChatResponseMetadata;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import tools.jackson.databind.JsonNode;

/**
 * The usage objects of an answer as the provider sent them, for the counts LangChain4j 1.19 does not map: Anthropic's
 * {@code usage.cache_creation.ephemeral_1h_input_tokens} (1-hour cache writes, billed at 2x input rather than 1.25x)
 * and OpenAI's {@code usage.prompt_tokens_details.cache_write_tokens} (GPT-5.6 and later bill cache writes at 1.25x).
 * Read from the raw body of a JSON answer, or from the raw events of a streamed one ({@code usage} of an OpenAI chunk
 * or Anthropic {@code message_delta}, {@code message.usage} of Anthropic's {@code message_start}), in order.
 */
final class RawUsage {

    private RawUsage() {
    }

    /**
     * The usage objects of an answer whose raw text names {@code field} (the count looked for): an answer without it
     * cannot hold the count, and is not parsed a second time (most answers: the count is new and often absent).
     */
    static List<JsonNode> of(ChatResponse response, String field) {
        ChatResponseMetadata metadata = response == null ? null : response.metadata();
        SuccessfulHttpResponse body = null;
        List<ServerSentEvent> events = null;
        if (metadata instanceof AnthropicChatResponseMetadata anthropic) {
            body = anthropic.rawHttpResponse();
            events = anthropic.rawServerSentEvents();
        } else if (metadata instanceof OpenAiChatResponseMetadata openAi) {
            body = openAi.rawHttpResponse();
            events = openAi.rawServerSentEvents();
        }
        List<JsonNode> usages = new ArrayList<>(1);
        if (events != null && !events.isEmpty()) {
            for (ServerSentEvent event : events) {
                if (holds(event.data(), field)) {
                    add(Json.parseLenient(event.data()), usages);
                }
            }
        } else if (body != null) {
            String text = body.body();
            if (holds(text, field)) {
                add(Json.parseLenient(text), usages);
            }
        }
        return usages;
    }

    /** Providers write keys as plain text; a body with escapes anywhere is parsed anyway, to be sure. */
    private static boolean holds(String text, String field) {
        return text != null && text.contains("\"usage\"") && (text.contains(field) || text.contains("\\u"));
    }

    private static void add(JsonNode root, List<JsonNode> usages) {
        if (root.path("usage").isObject()) {
            usages.add(root.path("usage"));
        }
        if (root.path("message").path("usage").isObject()) {
            usages.add(root.path("message").path("usage"));
        }
    }

    /** The last whole number at {@code path} in these usage objects (streams repeat counts as they grow), or null. */
    static Integer last(List<JsonNode> usages, String... path) {
        Integer found = null;
        for (JsonNode usage : usages) {
            JsonNode node = usage;
            for (String step : path) {
                node = node.path(step);
            }
            if (node.isIntegralNumber() && node.canConvertToInt() && node.intValue() >= 0) {
                found = node.intValue();
            }
        }
        return found;
    }
}
