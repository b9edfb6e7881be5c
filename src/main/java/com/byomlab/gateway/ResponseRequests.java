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
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenAI Responses API request body ({@code POST /v1/responses}, shapes from openai-node's
 * {@code resources/responses/responses.ts}) into a {@link ResponseRequest} for the translated path:
 * <ul>
 * <li>{@code instructions} → a SystemMessage first; {@code input} as a string → one UserMessage; as items:
 * {@code message} items (type optional) with role user / system / developer / assistant and content a string or
 * {@code input_text} / {@code output_text} / {@code refusal} parts; {@code function_call} items (with
 * {@code call_id}) → the assistant's ToolExecutionRequests, merged with the assistant text just before them (one
 * assistant turn, as Anthropic and Gemini need); {@code function_call_output} → ToolExecutionResultMessage, its
 * tool name found from the call it answers (Gemini pairs results by name).</li>
 * <li>{@code tools} of type {@code function} (flat: name, description, parameters, strict) → ToolSpecification;
 * {@code tool_choice} none / auto / required, a named function ({@code {"type":"function","name"}}) or
 * {@code allowed_tools}; the functions of a {@code namespace} tool (Codex groups its sub-agent tools so) offered
 * flat as {@code <namespace>__<name>} and answered with their namespace again.</li>
 * <li>{@code temperature}, {@code top_p}, {@code max_output_tokens} → {@link ChatOptions}; {@code stream}.</li>
 * </ul>
 * The translated surface keeps no state: {@code previous_response_id} and {@code conversation} are refused (400:
 * send the whole conversation in {@code input}), {@code store} is accepted and the answer says {@code store: false},
 * {@code background: true} and stored {@code prompt} templates are refused. Refused as unsupported: image, file and
 * audio input, {@code item_reference}s, tools other than functions (web search, file search, computer use… run
 * only on OpenAI's side) named by {@code tool_choice}, and a {@code text.format} other than text. Not offered to the
 * provider: tools of those types in {@code tools} (see {@link #tools}). Accepted and ignored: {@code reasoning} items
 * (a model's own hidden state, meaningless to another provider), the {@code reasoning} setting, {@code include},
 * {@code metadata}, {@code user}, {@code safety_identifier}, {@code prompt_cache_key}, {@code service_tier},
 * {@code parallel_tool_calls}, {@code truncation}, {@code text.verbosity}, {@code stream_options}.
 */
final class ResponseRequests {

    private static final Set<String> ECHOED = Set.of("tools", "tool_choice", "temperature", "top_p",
            "max_output_tokens", "parallel_tool_calls", "metadata", "text", "reasoning", "truncation", "user");

    private ResponseRequests() {
    }

    /**
     * What routing needs of any request, passed through or translated: a JSON object, its {@code model} (a valid
     * model id, or null for the credential's) and {@code stream}.
     */
    record Envelope(JsonNode root, String model, boolean stream) {
    }

    static Envelope envelope(byte[] body) {
        JsonNode root;
        try {
            root = GatewayJson.MAPPER.readTree(body == null ? new byte[0] : body);
        } catch (JacksonException e) {
            throw GatewayError.invalidRequest(null, "The request body is not valid JSON. Send a JSON object with "
                    + "Content-Type: application/json.");
        }
        if (root == null || !root.isObject()) {
            throw GatewayError.invalidRequest(null, "The request body must be a JSON object.");
        }
        return new Envelope(root, CompletionRequests.model(root.path("model")),
                CompletionRequests.optionalBoolean(root, "stream", "stream"));
    }

    /** The request for the translated path. */
    static ResponseRequest parse(Envelope envelope) {
        JsonNode root = envelope.root();
        refuseState(root);
        String model = envelope.model();
        JsonNode format = root.path("text").path("format");
        if (format.isObject() && !"text".equals(format.path("type").asString("text"))) {
            throw GatewayError.unsupported("text.format", "Only the text output format is supported.");
        }
        Map<String, String> namespaces = new HashMap<>();
        List<ToolSpecification> tools = tools(root.path("tools"), namespaces);
        ToolChoice choice = null;
        JsonNode toolChoice = root.path("tool_choice");
        if (toolChoice.isString()) {
            choice = switch (toolChoice.stringValue()) {
                case "none" -> ToolChoice.NONE;
                case "auto" -> ToolChoice.AUTO;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw GatewayError.invalidRequest("tool_choice",
                        "tool_choice must be none, auto, required, a named function or allowed_tools.");
            };
        } else if (toolChoice.isObject()) {
            String type = toolChoice.path("type").asString("");
            if (type.equals("function")) {
                String name = ResponseRequest.flatName(CompletionRequests.optionalText(toolChoice, "namespace"),
                        toolChoice.path("name").asString(""));
                tools = only(tools, Set.of(name));
                choice = ToolChoice.REQUIRED;
            } else if (type.equals("allowed_tools")) {
                Set<String> names = new HashSet<>();
                toolChoice.path("tools").forEach(t -> names.add(ResponseRequest.flatName(
                        CompletionRequests.optionalText(t, "namespace"), t.path("name").asString(""))));
                tools = only(tools, names);
                choice = "required".equals(toolChoice.path("mode").asString("auto")) ? ToolChoice.REQUIRED
                        : ToolChoice.AUTO;
            } else {
                throw GatewayError.unsupported("tool_choice", "tool_choice may name a function tool only: the "
                        + "other tool types run on OpenAI's side, which this credential's provider is not.");
            }
        } else if (!toolChoice.isMissingNode() && !toolChoice.isNull()) {
            throw GatewayError.invalidRequest("tool_choice", "tool_choice must be a string or an object.");
        }
        ChatOptions options = new ChatOptions(CompletionRequests.optionalDouble(root, "temperature", 2),
                CompletionRequests.optionalDouble(root, "top_p", 1),
                CompletionRequests.optionalInt(root, "max_output_tokens"), null, choice);
        boolean stream = envelope.stream();
        String instructions = instructions(root.path("instructions"));
        List<ChatMessage> messages = new ArrayList<>();
        if (instructions != null && !instructions.isEmpty()) {
            messages.add(SystemMessage.from(instructions));
        }
        messages.addAll(input(root.path("input")));
        ObjectNode echo = GatewayJson.object();
        for (String field : ECHOED) {
            if (root.has(field)) {
                echo.set(field, root.get(field));
            }
        }
        return new ResponseRequest(model, messages, tools, options, stream, instructions, echo, Map.copyOf(namespaces));
    }

    /** The translated surface stores nothing: no earlier response to continue, nothing to run in the background. */
    private static void refuseState(JsonNode root) {
        if (present(root.path("previous_response_id"))) {
            throw GatewayError.unsupported("previous_response_id", "This gateway keeps no responses "
                    + "(store is always false): previous_response_id cannot be used. Send the whole conversation in "
                    + "'input' instead, including the earlier output items.");
        }
        if (present(root.path("conversation"))) {
            throw GatewayError.unsupported("conversation", "This gateway keeps no conversations: send the whole "
                    + "conversation in 'input' instead.");
        }
        if (root.path("background").asBoolean(false)) {
            throw GatewayError.unsupported("background", "Background responses are not supported: this gateway "
                    + "keeps no responses to poll. Send the request without 'background' (stream it for long "
                    + "answers).");
        }
        if (present(root.path("prompt"))) {
            throw GatewayError.unsupported("prompt", "Stored prompt templates are not supported; send the "
                    + "instructions and input themselves.");
        }
    }

    private static boolean present(JsonNode node) {
        return !node.isMissingNode() && !node.isNull();
    }

    private static String instructions(JsonNode instructions) {
        if (!present(instructions)) {
            return null;
        }
        if (!instructions.isString()) {
            throw GatewayError.invalidRequest("instructions", "'instructions' must be a string.");
        }
        return instructions.stringValue();
    }

    private static List<ChatMessage> input(JsonNode input) {
        if (input.isString()) {
            if (input.stringValue().isEmpty()) {
                throw GatewayError.invalidRequest("input", "'input' must not be empty.");
            }
            return List.of(UserMessage.from(input.stringValue()));
        }
        if (!input.isArray() || input.isEmpty()) {
            throw GatewayError.invalidRequest("input", "'input' must be a non-empty string or array of input "
                    + "items.");
        }
        List<ChatMessage> out = new ArrayList<>();
        Map<String, String> toolNamesByCallId = new HashMap<>();
        String assistantText = null; // an assistant message waiting for the function calls that may follow it
        List<ToolExecutionRequest> calls = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String param = "input[" + i + "]";
            if (!item.isObject()) {
                throw GatewayError.invalidRequest(param, "Each input item must be an object.");
            }
            String type = item.path("type").asString(item.has("role") ? "message" : "");
            if (type.equals("function_call")) {
                String callId = CompletionRequests.optionalText(item, "call_id");
                String name = CompletionRequests.optionalText(item, "name");
                if (name != null) {
                    name = ResponseRequest.flatName(CompletionRequests.optionalText(item, "namespace"), name);
                }
                if (callId == null || name == null) {
                    throw GatewayError.invalidRequest(param, "A function_call item needs a call_id and a name.");
                }
                String arguments = item.path("arguments").asString("{}");
                calls.add(ToolExecutionRequest.builder().id(callId).name(name)
                        .arguments(arguments.isBlank() ? "{}" : arguments).build());
                toolNamesByCallId.put(callId, name);
                continue;
            }
            if (type.equals("reasoning")) {
                continue; // the model's hidden reasoning state: nothing another provider can read
            }
            if (type.equals("message") && "assistant".equals(item.path("role").asString(""))) {
                flush(out, assistantText, calls);
                assistantText = content(item.path("content"), param + ".content");
                calls = new ArrayList<>();
                continue;
            }
            flush(out, assistantText, calls);
            assistantText = null;
            calls = new ArrayList<>();
            switch (type) {
                case "message" -> out.add(message(item, param));
                case "function_call_output" -> {
                    String callId = CompletionRequests.optionalText(item, "call_id");
                    if (callId == null || !toolNamesByCallId.containsKey(callId)) {
                        throw GatewayError.invalidRequest(param + ".call_id", "A function_call_output item must "
                                + "answer a function_call item earlier in 'input', by its call_id.");
                    }
                    String output = content(item.path("output"), param + ".output");
                    out.add(ToolExecutionResultMessage.from(callId, toolNamesByCallId.get(callId),
                            output == null ? "" : output));
                }
                case "item_reference" -> throw GatewayError.unsupported(param + ".type", "This gateway keeps no "
                        + "items to refer to: send the item itself.");
                default -> throw GatewayError.unsupported(param + ".type", "Input items of type '" + type
                        + "' are not supported; send message, function_call and function_call_output items.");
            }
        }
        flush(out, assistantText, calls);
        return out;
    }

    /** The assistant's turn: its text and the function calls it made, one AiMessage. */
    private static void flush(List<ChatMessage> out, String text, List<ToolExecutionRequest> calls) {
        boolean hasText = text != null && !text.isBlank();
        if (!calls.isEmpty()) {
            out.add(hasText ? AiMessage.from(text, List.copyOf(calls)) : AiMessage.from(List.copyOf(calls)));
        } else if (hasText) {
            out.add(AiMessage.from(text));
        }
    }

    private static ChatMessage message(JsonNode item, String param) {
        String role = item.path("role").asString("");
        String text = content(item.path("content"), param + ".content");
        if (text == null || text.isEmpty()) {
            throw GatewayError.invalidRequest(param + ".content", "This message needs a non-empty content.");
        }
        return switch (role) {
            case "system", "developer" -> SystemMessage.from(text);
            case "user" -> UserMessage.from(text);
            default -> throw GatewayError.invalidRequest(param + ".role",
                    "role must be user, assistant, system or developer.");
        };
    }

    /** A string, or the concatenated text of text parts; null when absent. */
    private static String content(JsonNode content, String param) {
        if (!present(content)) {
            return null;
        }
        if (content.isString()) {
            return content.stringValue();
        }
        if (!content.isArray()) {
            throw GatewayError.invalidRequest(param, "content must be a string or an array of content parts.");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            String type = part.path("type").asString("");
            switch (type) {
                case "input_text", "output_text" -> text.append(part.path("text").asString(""));
                case "refusal" -> text.append(part.path("refusal").asString(""));
                default -> throw GatewayError.unsupported(param, "Only text content parts are supported (not '"
                        + type + "').");
            }
        }
        return text.toString();
    }

    /**
     * Function tools, top-level or inside a {@code namespace} tool (offered flat, as {@code <namespace>__<name>}:
     * providers know no namespaces). The other tool types run on OpenAI's side (web search, file search, code
     * interpreter, computer use, MCP, hosted shell) or need a grammar (custom tools): no other provider can run them,
     * so they are not offered; the model answers with what it has. Codex offers web search by default.
     */
    private static List<ToolSpecification> tools(JsonNode tools, Map<String, String> namespaces) {
        List<ToolSpecification> out = new ArrayList<>();
        if (!present(tools)) {
            return out;
        }
        if (!tools.isArray()) {
            throw GatewayError.invalidRequest("tools", "'tools' must be an array.");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String param = "tools[" + i + "]";
            if (!tool.isObject()) {
                throw GatewayError.invalidRequest(param, "Each tool must be an object.");
            }
            String type = tool.path("type").asString("");
            if (type.equals("function")) {
                out.add(function(tool, null, param));
            } else if (type.equals("namespace")) {
                String namespace = CompletionRequests.optionalText(tool, "name");
                if (namespace == null) {
                    throw GatewayError.invalidRequest(param + ".name", "Each namespace tool needs a name.");
                }
                JsonNode inner = tool.path("tools");
                for (int j = 0; j < inner.size(); j++) {
                    if ("function".equals(inner.get(j).path("type").asString(""))) {
                        ToolSpecification spec = function(inner.get(j), namespace, param + ".tools[" + j + "]");
                        namespaces.put(spec.name(), namespace);
                        out.add(spec);
                    }
                }
            } else if (type.isEmpty()) {
                throw GatewayError.invalidRequest(param + ".type", "Each tool needs a type, e.g. \"function\".");
            }
        }
        return out;
    }

    private static ToolSpecification function(JsonNode tool, String namespace, String param) {
        String name = CompletionRequests.optionalText(tool, "name");
        if (name == null) {
            throw GatewayError.invalidRequest(param + ".name", "Each function tool needs a name.");
        }
        ToolSpecification.Builder spec = ToolSpecification.builder().name(ResponseRequest.flatName(namespace, name))
                .description(CompletionRequests.optionalText(tool, "description"))
                .parameters(ToolSchemas.parameters(tool.path("parameters"), param + ".parameters"));
        if (tool.path("strict").isBoolean()) {
            spec.strict(tool.path("strict").booleanValue());
        }
        return spec.build();
    }

    private static List<ToolSpecification> only(List<ToolSpecification> tools, Set<String> names) {
        List<ToolSpecification> kept = tools.stream().filter(t -> names.contains(t.name())).toList();
        if (kept.isEmpty()) {
            throw GatewayError.invalidRequest("tool_choice", "tool_choice names a function that is not in tools.");
        }
        return kept;
    }
}
