package com.byomlab.telemetry;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The opt-in content attributes ({@code gen_ai.system_instructions}, {@code gen_ai.input.messages},
 * {@code gen_ai.output.messages}) as the conventions' JSON: messages of a role with typed parts ({@code text},
 * {@code tool_call}, {@code tool_call_response}). Only ever built when the operator opted in.
 */
final class ContentJson {

    /** A span attribute is held in memory until exported: long conversations are cut here, and say so. */
    static final int MAX_CHARS = 64 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ContentJson() {
    }

    static String systemInstructions(List<ChatMessage> messages) {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (message instanceof SystemMessage system) {
                parts.add(text(system.text()));
            }
        }
        return parts.isEmpty() ? null : JSON.writeValueAsString(parts);
    }

    static String inputMessages(List<ChatMessage> messages) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (message instanceof UserMessage user) {
                List<Map<String, Object>> parts = new ArrayList<>();
                for (Content content : user.contents()) {
                    parts.add(content instanceof TextContent t ? text(t.text())
                            : Map.of("type", String.valueOf(content.type()).toLowerCase()));
                }
                out.add(message("user", parts));
            } else if (message instanceof AiMessage ai) {
                out.add(message("assistant", aiParts(ai)));
            } else if (message instanceof ToolExecutionResultMessage result) {
                Map<String, Object> part = new LinkedHashMap<>();
                part.put("type", "tool_call_response");
                part.put("id", result.id());
                part.put("result", result.text());
                out.add(message("tool", List.of(part)));
            }
        }
        return JSON.writeValueAsString(out);
    }

    static String outputMessages(AiMessage ai, String finishReason) {
        if (ai == null) {
            return null;
        }
        Map<String, Object> message = message("assistant", aiParts(ai));
        message.put("finish_reason", finishReason);
        return JSON.writeValueAsString(List.of(message));
    }

    static String capped(String value) {
        return value.length() <= MAX_CHARS ? value : value.substring(0, MAX_CHARS) + "…[cut at " + MAX_CHARS
                + " characters]";
    }

    private static List<Map<String, Object>> aiParts(AiMessage ai) {
        List<Map<String, Object>> parts = new ArrayList<>();
        if (ai.text() != null && !ai.text().isEmpty()) {
            parts.add(text(ai.text()));
        }
        if (ai.hasToolExecutionRequests()) {
            for (ToolExecutionRequest request : ai.toolExecutionRequests()) {
                Map<String, Object> part = new LinkedHashMap<>();
                part.put("type", "tool_call");
                part.put("id", request.id());
                part.put("name", request.name());
                part.put("arguments", arguments(request.arguments()));
                parts.add(part);
            }
        }
        return parts;
    }

    /** Arguments as the JSON object the model wrote; as text when it wrote something else. */
    private static Object arguments(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode parsed = JSON.readTree(arguments);
            return parsed.isObject() ? parsed : arguments;
        } catch (RuntimeException e) {
            return arguments;
        }
    }

    private static Map<String, Object> message(String role, List<Map<String, Object>> parts) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", role);
        message.put("parts", parts);
        return message;
    }

    private static Map<String, Object> text(String content) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("type", "text");
        part.put("content", content == null ? "" : content);
        return part;
    }
}
