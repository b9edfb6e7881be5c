package com.byomlab.gateway;

import com.byomlab.llm.ChatOptions;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ToolChoice;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OpenAI Chat Completions request body into a {@link CompletionRequest}:
 * <ul>
 * <li>{@code system} / {@code developer} → SystemMessage; {@code user} → UserMessage (with {@code name});
 * {@code assistant} → AiMessage with its {@code tool_calls} as ToolExecutionRequests; {@code tool} →
 * ToolExecutionResultMessage, its tool name found from the assistant call it answers (Gemini pairs results by
 * name). Content is a string or text parts.</li>
 * <li>{@code tools[].function} → ToolSpecification (JSON Schema via {@link ToolSchemas}); {@code tool_choice}
 * none / auto / required, or one named function (only that tool is offered, and required).</li>
 * <li>{@code temperature}, {@code top_p}, {@code max_tokens} / {@code max_completion_tokens}, {@code stop} →
 * {@link ChatOptions}; {@code stream}, {@code stream_options.include_usage}.</li>
 * </ul>
 * Refused as unsupported (400): {@code n} other than 1, a {@code response_format} other than text, non-text content
 * parts (images, audio, files), the legacy {@code function} role and {@code functions}. Accepted and ignored:
 * sampling extras the neutral API has no place for ({@code seed}, penalties, {@code logit_bias}, {@code user},
 * {@code metadata}, {@code store}, {@code parallel_tool_calls}, {@code logprobs: false}).
 */
final class CompletionRequests {

    private CompletionRequests() {
    }

    static CompletionRequest parse(String body) {
        JsonNode root;
        try {
            root = GatewayJson.MAPPER.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            throw GatewayError.invalidRequest(null, "The request body is not valid JSON. Send a JSON object with "
                    + "Content-Type: application/json.");
        }
        if (root == null || !root.isObject()) {
            throw GatewayError.invalidRequest(null, "The request body must be a JSON object.");
        }
        String model = model(root.path("model"));
        JsonNode n = root.path("n");
        if (!n.isMissingNode() && !n.isNull()) {
            if (!n.isNumber()) {
                throw GatewayError.invalidRequest("n", "'n' must be a number; only n=1 is supported.");
            }
            BigDecimal value = decimal(n);
            if (value == null || value.compareTo(BigDecimal.ONE) != 0) {
                throw GatewayError.unsupported("n", "Only n=1 is supported.");
            }
        }
        JsonNode format = root.path("response_format");
        if (format.isObject() && !"text".equals(format.path("type").asString("text"))) {
            throw GatewayError.unsupported("response_format", "Only the text response format is supported.");
        }
        if (root.has("functions") || root.has("function_call")) {
            throw GatewayError.unsupported("functions", "The legacy 'functions' API is not supported; use 'tools'.");
        }
        List<ToolSpecification> tools = tools(root.path("tools"));
        ToolChoice choice = null;
        JsonNode toolChoice = root.path("tool_choice");
        if (toolChoice.isString()) {
            choice = switch (toolChoice.stringValue()) {
                case "none" -> ToolChoice.NONE;
                case "auto" -> ToolChoice.AUTO;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw GatewayError.invalidRequest("tool_choice",
                        "tool_choice must be none, auto, required or a named function.");
            };
        } else if (toolChoice.isObject()) {
            String name = toolChoice.path("function").path("name").asString("");
            tools = tools.stream().filter(t -> t.name().equals(name)).toList();
            if (tools.isEmpty()) {
                throw GatewayError.invalidRequest("tool_choice", "tool_choice names a function that is not in tools.");
            }
            choice = ToolChoice.REQUIRED;
        }
        Integer maxTokens = optionalInt(root, "max_completion_tokens");
        ChatOptions options = new ChatOptions(optionalDouble(root, "temperature", 2), optionalDouble(root, "top_p", 1),
                maxTokens != null ? maxTokens : optionalInt(root, "max_tokens"), stop(root.path("stop")), choice);
        boolean stream = optionalBoolean(root, "stream", "stream");
        boolean includeUsage = stream && optionalBoolean(root.path("stream_options"), "include_usage",
                "stream_options.include_usage");
        return new CompletionRequest(model, messages(root.path("messages")), tools, options, stream, includeUsage);
    }

    /** Null when absent (the credential's model runs); else a model id the provider's URL can carry as it is. */
    static String model(JsonNode model) {
        if (model.isMissingNode() || model.isNull()) {
            return null;
        }
        if (!model.isString()) {
            throw GatewayError.invalidRequest("model", "'model' must be a string: a model id of your credential's "
                    + "provider; see GET /v1/models.");
        }
        return GatewayError.checkedModel(model.stringValue());
    }

    private static List<ChatMessage> messages(JsonNode messages) {
        if (!messages.isArray() || messages.isEmpty()) {
            throw GatewayError.invalidRequest("messages", "'messages' must be a non-empty array.");
        }
        List<ChatMessage> out = new ArrayList<>();
        Map<String, String> toolNamesByCallId = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String param = "messages[" + i + "]";
            String role = m.path("role").asString("");
            String text = content(m.path("content"), param + ".content");
            switch (role) {
                case "system", "developer" -> out.add(SystemMessage.from(required(text, param + ".content")));
                case "user" -> {
                    String name = optionalText(m, "name");
                    String userText = required(text, param + ".content");
                    out.add(name == null ? UserMessage.from(userText) : UserMessage.from(name, userText));
                }
                case "assistant" -> {
                    List<ToolExecutionRequest> calls = toolCalls(m.path("tool_calls"), param + ".tool_calls");
                    calls.forEach(c -> toolNamesByCallId.put(c.id(), c.name()));
                    boolean hasText = text != null && !text.isBlank();
                    if (!calls.isEmpty()) {
                        out.add(hasText ? AiMessage.from(text, calls) : AiMessage.from(calls));
                    } else if (hasText) {
                        out.add(AiMessage.from(text));
                    }
                }
                case "tool" -> {
                    String callId = optionalText(m, "tool_call_id");
                    if (callId == null || !toolNamesByCallId.containsKey(callId)) {
                        throw GatewayError.invalidRequest(param + ".tool_call_id", "A tool message must answer a "
                                + "tool call of an earlier assistant message, by its id.");
                    }
                    out.add(ToolExecutionResultMessage.from(callId, toolNamesByCallId.get(callId),
                            text == null ? "" : text));
                }
                case "function" -> throw GatewayError.unsupported(param + ".role",
                        "The legacy 'function' role is not supported; use 'tool'.");
                default -> throw GatewayError.invalidRequest(param + ".role",
                        "role must be system, developer, user, assistant or tool.");
            }
        }
        return out;
    }

    private static List<ToolExecutionRequest> toolCalls(JsonNode calls, String param) {
        List<ToolExecutionRequest> out = new ArrayList<>();
        if (!calls.isArray()) {
            return out;
        }
        for (JsonNode call : calls) {
            String id = optionalText(call, "id");
            String name = optionalText(call.path("function"), "name");
            if (id == null || name == null) {
                throw GatewayError.invalidRequest(param, "Each tool call needs an id and function.name.");
            }
            String arguments = call.path("function").path("arguments").asString("{}");
            out.add(ToolExecutionRequest.builder().id(id).name(name).arguments(arguments.isBlank() ? "{}" : arguments)
                    .build());
        }
        return out;
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
            String param = "tools[" + i + "]";
            if (!"function".equals(tool.path("type").asString("function"))) {
                throw GatewayError.unsupported(param + ".type", "Only function tools are supported.");
            }
            JsonNode function = tool.path("function");
            String name = optionalText(function, "name");
            if (name == null) {
                throw GatewayError.invalidRequest(param + ".function.name", "Each tool needs a function name.");
            }
            ToolSpecification.Builder spec = ToolSpecification.builder().name(name)
                    .description(optionalText(function, "description"))
                    .parameters(ToolSchemas.parameters(function.path("parameters"), param + ".function.parameters"));
            if (function.path("strict").isBoolean()) {
                spec.strict(function.path("strict").booleanValue());
            }
            out.add(spec.build());
        }
        return out;
    }

    /** A string, or the concatenated text of text parts; null when absent. */
    private static String content(JsonNode content, String param) {
        if (content.isMissingNode() || content.isNull()) {
            return null;
        }
        if (content.isString()) {
            return content.stringValue();
        }
        if (!content.isArray()) {
            throw GatewayError.invalidRequest(param, "content must be a string or an array of parts.");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            String type = part.path("type").asString("");
            if (!type.equals("text")) {
                throw GatewayError.unsupported(param, "Only text content parts are supported (not '" + type + "').");
            }
            text.append(part.path("text").asString(""));
        }
        return text.toString();
    }

    private static String required(String text, String param) {
        if (text == null || text.isEmpty()) {
            throw GatewayError.invalidRequest(param, "This message needs a non-empty content.");
        }
        return text;
    }

    private static List<String> stop(JsonNode stop) {
        if (stop.isMissingNode() || stop.isNull()) {
            return null;
        }
        if (stop.isString()) {
            return List.of(stop.stringValue());
        }
        if (!stop.isArray()) {
            throw GatewayError.invalidRequest("stop", "'stop' must be a string or an array of strings.");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stop.size(); i++) {
            if (!stop.get(i).isString()) {
                throw GatewayError.invalidRequest("stop[" + i + "]", "Each stop sequence must be a string.");
            }
            out.add(stop.get(i).stringValue());
        }
        return out;
    }

    static String optionalText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.stringValue().isBlank() ? value.stringValue() : null;
    }

    /** A number from 0 to {@code max} (OpenAI's ranges: temperature 0 to 2, top_p 0 to 1). */
    static Double optionalDouble(JsonNode node, String field, int max) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        BigDecimal number = value.isNumber() ? decimal(value) : null;
        if (number == null || number.signum() < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw GatewayError.invalidRequest(field, "'" + field + "' must be a number from 0 to " + max + ".");
        }
        return value.doubleValue();
    }

    /** The exact value of a JSON number; null for a float too large for a double (1e400 is parsed as Infinity). */
    static BigDecimal decimal(JsonNode number) {
        if ((number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue())) {
            return null;
        }
        return number.decimalValue();
    }

    /** A whole number from 1 to 2147483647; a larger one is refused, not cut (it reached the server as a 500). */
    static Integer optionalInt(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw GatewayError.invalidRequest(field, "'" + field + "' must be a whole number from 1 to "
                    + Integer.MAX_VALUE + ".");
        }
        return value.intValue();
    }

    static boolean optionalBoolean(JsonNode node, String field, String param) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw GatewayError.invalidRequest(param, "'" + param + "' must be true or false.");
        }
        return value.booleanValue();
    }
}
