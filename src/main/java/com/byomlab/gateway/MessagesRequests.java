package com.byomlab.gateway;

import com.byomlab.llm.ChatOptions;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ToolChoice;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Anthropic Messages request ({@code POST /v1/messages}, https://docs.anthropic.com/en/api/messages).
 *
 * <p>{@link #envelope} checks what every request needs, whatever runs it: a JSON object, a valid {@code model}, a
 * boolean {@code stream}. That is all a passed-through request is checked for: the provider checks the rest, and the
 * body goes as it came.
 *
 * <p>{@link #translate} turns it into neutral LangChain4j terms for a credential of another provider:
 * <ul>
 * <li>{@code system} (a string or text blocks) → SystemMessage; {@code user} text → UserMessage, its
 * {@code tool_result} blocks → ToolExecutionResultMessages (before its text, as the tool results answer the turn
 * before); {@code assistant} text and {@code tool_use} blocks → AiMessage with ToolExecutionRequests, their ids
 * kept.</li>
 * <li>{@code tools} (custom tools: name, description, input_schema) → ToolSpecifications; {@code tool_choice}
 * auto / any / none / a named tool (only that one offered, and required).</li>
 * <li>{@code max_tokens} (required), {@code temperature}, {@code top_p}, {@code stop_sequences} →
 * {@link ChatOptions}.</li>
 * </ul>
 * Dropped, because only Anthropic can read them: {@code thinking} / {@code redacted_thinking} blocks (and the
 * {@code thinking} setting), Anthropic's server tools (web search, code execution: tools with a {@code type} other
 * than {@code custom}) and their result blocks, {@code cache_control}, {@code top_k}, {@code metadata},
 * {@code service_tier}. Images in user turns go as images (base64 or URL; the provider must take them); an image
 * or document a tool returned becomes a line saying so (tool results are text on other providers). Refused (400):
 * documents in user turns, a {@code tool_result} that answers no earlier {@code tool_use}.
 */
final class MessagesRequests {

    /** What every Messages request must have; {@code model} already checked. */
    record Envelope(String model, boolean stream, JsonNode root) {
    }

    private MessagesRequests() {
    }

    static Envelope envelope(byte[] body) {
        JsonNode root;
        try {
            root = GatewayJson.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw GatewayError.invalidRequest(null, "The request body is not valid JSON. Send a JSON object with "
                    + "Content-Type: application/json.");
        }
        if (root == null || !root.isObject()) {
            throw GatewayError.invalidRequest(null, "The request body must be a JSON object.");
        }
        JsonNode model = root.path("model");
        if (!model.isString()) {
            throw GatewayError.invalidRequest("model", "'model' is required: a string naming the model, e.g. "
                    + "claude-sonnet-4-20250514 (on a credential of another provider, a claude-* name runs the "
                    + "credential's own model).");
        }
        JsonNode stream = root.path("stream");
        if (!stream.isMissingNode() && !stream.isNull() && !stream.isBoolean()) {
            throw GatewayError.invalidRequest("stream", "'stream' must be true or false.");
        }
        return new Envelope(GatewayError.checkedModel(model.stringValue()), stream.asBoolean(false), root);
    }

    /** The request for a credential of another provider, to run on {@code model}. */
    static CompletionRequest translate(Envelope request, String model) {
        JsonNode root = request.root();
        JsonNode maxTokens = root.path("max_tokens");
        if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt() || maxTokens.intValue() < 1) {
            throw GatewayError.invalidRequest("max_tokens", "'max_tokens' is required: a whole number from 1 to "
                    + Integer.MAX_VALUE + ".");
        }
        List<ToolSpecification> tools = tools(root.path("tools"));
        ToolChoice choice = null;
        JsonNode toolChoice = root.path("tool_choice");
        if (toolChoice.isObject()) {
            switch (toolChoice.path("type").asString("")) {
                case "auto" -> choice = ToolChoice.AUTO;
                case "any" -> choice = ToolChoice.REQUIRED;
                case "none" -> choice = ToolChoice.NONE;
                case "tool" -> {
                    String name = toolChoice.path("name").asString("");
                    tools = tools.stream().filter(t -> t.name().equals(name)).toList();
                    if (tools.isEmpty()) {
                        throw GatewayError.invalidRequest("tool_choice.name", "tool_choice names a tool that is not "
                                + "in tools.");
                    }
                    choice = ToolChoice.REQUIRED;
                }
                default -> throw GatewayError.invalidRequest("tool_choice.type",
                        "tool_choice.type must be auto, any, tool or none.");
            }
        }
        ChatOptions options = new ChatOptions(number(root, "temperature"), number(root, "top_p"),
                maxTokens.intValue(), stopSequences(root.path("stop_sequences")), choice);
        List<ChatMessage> messages = new ArrayList<>();
        String system = text(root.path("system"), "system");
        if (system != null && !system.isBlank()) {
            messages.add(SystemMessage.from(system));
        }
        messages.addAll(messages(root.path("messages")));
        return new CompletionRequest(model, messages, tools, options, request.stream(), false);
    }

    private static List<ChatMessage> messages(JsonNode messages) {
        if (!messages.isArray() || messages.isEmpty()) {
            throw GatewayError.invalidRequest("messages", "'messages' must be a non-empty array.");
        }
        List<ChatMessage> out = new ArrayList<>();
        Map<String, String> toolNamesById = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String param = "messages." + i;
            String role = message.path("role").asString("");
            JsonNode content = message.path("content");
            switch (role) {
                case "user" -> user(content, param, toolNamesById, out);
                case "assistant" -> assistant(content, param, toolNamesById, out);
                default -> throw GatewayError.invalidRequest(param + ".role", "role must be user or assistant "
                        + "(the system prompt goes in the top-level 'system').");
            }
        }
        if (out.isEmpty()) {
            throw GatewayError.invalidRequest("messages", "The messages carry no text this model can read.");
        }
        return out;
    }

    private static void user(JsonNode content, String param, Map<String, String> toolNamesById,
                             List<ChatMessage> out) {
        if (content.isString()) {
            if (!content.stringValue().isEmpty()) {
                out.add(UserMessage.from(content.stringValue()));
            }
            return;
        }
        StringBuilder text = new StringBuilder();
        List<Content> parts = new ArrayList<>();
        for (JsonNode block : blocks(content, param)) {
            String type = block.path("type").asString("");
            switch (type) {
                case "text" -> append(text, block.path("text").asString(""));
                case "image" -> {
                    if (!text.isEmpty()) {
                        parts.add(TextContent.from(text.toString()));
                        text.setLength(0);
                    }
                    parts.add(image(block.path("source"), param + ".content"));
                }
                case "tool_result" -> {
                    String id = block.path("tool_use_id").asString("");
                    if (!toolNamesById.containsKey(id)) {
                        throw GatewayError.invalidRequest(param + ".content", "A tool_result must answer a tool_use "
                                + "of an earlier assistant message, by its id.");
                    }
                    String result = text(block.path("content"), param + ".content");
                    if (block.path("is_error").asBoolean(false)) {
                        result = "Error: " + (result == null ? "" : result);
                    }
                    out.add(ToolExecutionResultMessage.from(id, toolNamesById.get(id), result == null ? "" : result));
                }
                case "document" -> throw GatewayError.unsupported(param + ".content", "This token's credential "
                        + "is not Anthropic's, and documents are not translated for other providers; send them "
                        + "through an Anthropic credential.");
                default -> { } // Anthropic's own blocks (server tool results, search results): only Anthropic reads them
            }
        }
        if (parts.isEmpty()) {
            if (!text.isEmpty()) {
                out.add(UserMessage.from(text.toString()));
            }
            return;
        }
        if (!text.isEmpty()) {
            parts.add(TextContent.from(text.toString()));
        }
        out.add(UserMessage.from(parts));
    }

    /** An image block's source: base64 data with its media type, or a URL (for providers that take images). */
    private static ImageContent image(JsonNode source, String param) {
        String type = source.path("type").asString("");
        if (type.equals("base64") && source.path("data").isString() && source.path("media_type").isString()) {
            return ImageContent.from(source.path("data").stringValue(), source.path("media_type").stringValue());
        }
        if (type.equals("url") && source.path("url").isString()) {
            return ImageContent.from(source.path("url").stringValue());
        }
        throw GatewayError.invalidRequest(param, "An image's source must be base64 data with its media_type, or a "
                + "url.");
    }

    private static void assistant(JsonNode content, String param, Map<String, String> toolNamesById,
                                  List<ChatMessage> out) {
        if (content.isString()) {
            if (!content.stringValue().isEmpty()) {
                out.add(AiMessage.from(content.stringValue()));
            }
            return;
        }
        StringBuilder text = new StringBuilder();
        List<ToolExecutionRequest> calls = new ArrayList<>();
        for (JsonNode block : blocks(content, param)) {
            switch (block.path("type").asString("")) {
                case "text" -> append(text, block.path("text").asString(""));
                case "tool_use" -> {
                    String id = block.path("id").asString("");
                    String name = block.path("name").asString("");
                    if (id.isEmpty() || name.isEmpty()) {
                        throw GatewayError.invalidRequest(param + ".content", "Each tool_use needs an id and a name.");
                    }
                    JsonNode input = block.path("input");
                    calls.add(ToolExecutionRequest.builder().id(id).name(name)
                            .arguments(input.isObject() ? GatewayJson.write(input) : "{}").build());
                    toolNamesById.put(id, name);
                }
                default -> { } // thinking, redacted_thinking, server tool use: only Anthropic can read them
            }
        }
        boolean hasText = !text.isEmpty();
        if (!calls.isEmpty()) {
            out.add(hasText ? AiMessage.from(text.toString(), calls) : AiMessage.from(calls));
        } else if (hasText) {
            out.add(AiMessage.from(text.toString()));
        }
    }

    private static JsonNode blocks(JsonNode content, String param) {
        if (!content.isArray()) {
            throw GatewayError.invalidRequest(param + ".content", "content must be a string or an array of blocks.");
        }
        return content;
    }

    /** A string, or the text of text blocks joined by blank lines; null when absent. */
    private static String text(JsonNode content, String param) {
        if (content.isMissingNode() || content.isNull()) {
            return null;
        }
        if (content.isString()) {
            return content.stringValue();
        }
        if (!content.isArray()) {
            throw GatewayError.invalidRequest(param, "content must be a string or an array of blocks.");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            String type = block.path("type").asString("");
            if (type.equals("text")) {
                append(text, block.path("text").asString(""));
            } else if (type.equals("image") || type.equals("document")) {
                // a tool result carries text only to other providers (LangChain4j's tool results are text): say so
                append(text, "[" + type + " returned by the tool: not passed on to this model]");
            }
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String part) {
        if (part.isEmpty()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append("\n\n");
        }
        text.append(part);
    }

    private static List<ToolSpecification> tools(JsonNode tools) {
        List<ToolSpecification> out = new ArrayList<>();
        if (tools.isMissingNode() || tools.isNull()) {
            return out;
        }
        if (!tools.isArray()) {
            throw GatewayError.invalidRequest("tools", "'tools' must be an array.");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String param = "tools." + i;
            String type = tool.path("type").asString("custom");
            if (!type.equals("custom")) {
                continue; // an Anthropic server tool (web search, code execution): runs only at Anthropic
            }
            String name = tool.path("name").asString("");
            if (name.isBlank()) {
                throw GatewayError.invalidRequest(param + ".name", "Each tool needs a name.");
            }
            JsonNode description = tool.path("description");
            out.add(ToolSpecification.builder().name(name)
                    .description(description.isString() ? description.stringValue() : null)
                    .parameters(ToolSchemas.parameters(tool.path("input_schema"), param + ".input_schema")).build());
        }
        return out;
    }

    private static List<String> stopSequences(JsonNode stop) {
        if (stop.isMissingNode() || stop.isNull()) {
            return null;
        }
        if (!stop.isArray()) {
            throw GatewayError.invalidRequest("stop_sequences", "'stop_sequences' must be an array of strings.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : stop) {
            if (!s.isString()) {
                throw GatewayError.invalidRequest("stop_sequences", "Each stop sequence must be a string.");
            }
            out.add(s.stringValue());
        }
        return out;
    }

    /** A number from 0 to 1 (Anthropic's range for temperature and top_p). */
    private static Double number(JsonNode root, String field) {
        JsonNode value = root.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        BigDecimal number = value.isNumber() && Double.isFinite(value.doubleValue()) ? value.decimalValue() : null;
        if (number == null || number.signum() < 0 || number.compareTo(BigDecimal.ONE) > 0) {
            throw GatewayError.invalidRequest(field, "'" + field + "' must be a number from 0 to 1.");
        }
        return value.doubleValue();
    }

    /**
     * For {@code count_tokens} on a credential of another provider, which has no such endpoint: an estimate of about
     * four characters (UTF-8 bytes) a token over the system prompt, the messages' text, tool calls and results, and
     * the tool definitions; about 1,600 tokens an image or document. Rough by design; providers count differently,
     * and the answer says it is an estimate.
     */
    static int estimateInputTokens(JsonNode root) {
        long bytes = 0;
        bytes += size(root.path("system"));
        bytes += size(root.path("messages"));
        bytes += size(root.path("tools"));
        return (int) Math.min(Integer.MAX_VALUE, (bytes + 3) / 4);
    }

    /** An image counted as about 1,600 tokens (Anthropic's cost of a ~1.15 megapixel image). */
    private static final long IMAGE_BYTES = 1_600 * 4;

    /** The UTF-8 length of every string value in the tree (texts, tool inputs, schemas), keys of objects included. */
    private static long size(JsonNode node) {
        if (node.isString()) {
            return node.stringValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asString().length();
        }
        long total = 0;
        if (node.isObject()) {
            if (node.path("source").isObject()) {
                return IMAGE_BYTES; // an image or document: its data is not text; about Anthropic's per-image cost
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("signature") || field.getKey().equals("cache_control")
                        || field.getKey().equals("type") || field.getKey().equals("data")) {
                    continue; // block bookkeeping and encrypted thinking, not text the model reads as tokens
                }
                total += field.getKey().length() + size(field.getValue());
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                total += size(item);
            }
        }
        return total;
    }
}
