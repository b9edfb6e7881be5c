package com.byomlab.llm.internal.providers.bedrock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.output.FinishReason;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.AutoToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/**
 * LangChain4j's neutral chat request and Converse's shapes (Bedrock Runtime API reference, "Converse"): system text
 * goes to {@code system[]}, turns to {@code messages[{role, content[]}]} with {@code text}, {@code toolUse{toolUseId,
 * name, input}} (assistant) and {@code toolResult{toolUseId, content[{text}]}} (user) blocks, tools to
 * {@code toolConfig{tools[{toolSpec{name, description, inputSchema{json}}}], toolChoice}}, sampling to
 * {@code inferenceConfig}. Converse wants user and assistant turns to alternate, so consecutive turns of one role
 * (e.g. several tool results) become one message.
 */
final class ConverseMapping {

    private ConverseMapping() {
    }

    /** The parts of a Converse / ConverseStream request; both requests take the same fields. */
    record Parts(List<SystemContentBlock> system, List<Message> messages, ToolConfiguration toolConfig,
            InferenceConfiguration inferenceConfig) {
    }

    static Parts parts(ChatRequest request) {
        List<SystemContentBlock> system = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        ConversationRole role = null;
        List<ContentBlock> content = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            if (message instanceof SystemMessage s) {
                system.add(SystemContentBlock.fromText(s.text()));
                continue;
            }
            ConversationRole next = message instanceof AiMessage ? ConversationRole.ASSISTANT : ConversationRole.USER;
            if (role != null && next != role && !content.isEmpty()) {
                messages.add(Message.builder().role(role).content(content).build());
                content = new ArrayList<>();
            }
            role = next;
            content.addAll(blocks(message));
        }
        if (role != null && !content.isEmpty()) {
            messages.add(Message.builder().role(role).content(content).build());
        }
        return new Parts(system, messages, toolConfig(request), inferenceConfig(request.parameters()));
    }

    private static List<ContentBlock> blocks(ChatMessage message) {
        List<ContentBlock> blocks = new ArrayList<>();
        if (message instanceof UserMessage user) {
            StringBuilder text = new StringBuilder();
            for (Content part : user.contents()) {
                if (part instanceof TextContent t) {
                    text.append(t.text());
                }
            }
            blocks.add(ContentBlock.fromText(text.toString()));
        } else if (message instanceof AiMessage ai) {
            if (ai.text() != null && !ai.text().isBlank()) { // Converse refuses blank text blocks
                blocks.add(ContentBlock.fromText(ai.text()));
            }
            if (ai.hasToolExecutionRequests()) {
                for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                    blocks.add(ContentBlock.fromToolUse(ToolUseBlock.builder().toolUseId(call.id()).name(call.name())
                            .input(Documents.fromJson(call.arguments())).build()));
                }
            }
        } else if (message instanceof ToolExecutionResultMessage result) {
            blocks.add(ContentBlock.fromToolResult(ToolResultBlock.builder().toolUseId(result.id())
                    .content(ToolResultContentBlock.fromText(result.text())).build()));
        }
        return blocks;
    }

    private static ToolConfiguration toolConfig(ChatRequest request) {
        List<dev.langchain4j.agent.tool.ToolSpecification> specifications = request.toolSpecifications();
        if (specifications == null || specifications.isEmpty()) {
            return null;
        }
        List<Tool> tools = new ArrayList<>();
        for (dev.langchain4j.agent.tool.ToolSpecification spec : specifications) {
            Map<String, Object> schema = spec.parameters() == null
                    ? Map.of("type", "object", "properties", Map.of())
                    : JsonSchemaElementUtils.toMap(spec.parameters());
            tools.add(Tool.fromToolSpec(ToolSpecification.builder().name(spec.name()).description(spec.description())
                    .inputSchema(ToolInputSchema.fromJson(Documents.fromObject(schema))).build()));
        }
        ToolConfiguration.Builder config = ToolConfiguration.builder().tools(tools);
        // Converse has auto, any and a named tool, but no "none": NONE keeps the tools (earlier turns may use them)
        // and leaves the choice to the model
        if (request.toolChoice() == dev.langchain4j.model.chat.request.ToolChoice.REQUIRED) {
            config.toolChoice(ToolChoice.fromAny(AnyToolChoice.builder().build()));
        } else if (request.toolChoice() == dev.langchain4j.model.chat.request.ToolChoice.AUTO) {
            config.toolChoice(ToolChoice.fromAuto(AutoToolChoice.builder().build()));
        }
        return config.build();
    }

    /** Only what was asked for: an unset value keeps the model's default. */
    private static InferenceConfiguration inferenceConfig(ChatRequestParameters parameters) {
        if (parameters == null) {
            return null;
        }
        InferenceConfiguration.Builder config = InferenceConfiguration.builder();
        boolean any = false;
        if (parameters.maxOutputTokens() != null) {
            config.maxTokens(parameters.maxOutputTokens());
            any = true;
        }
        if (parameters.temperature() != null) {
            config.temperature(parameters.temperature().floatValue());
            any = true;
        }
        if (parameters.topP() != null) {
            config.topP(parameters.topP().floatValue());
            any = true;
        }
        if (parameters.stopSequences() != null && !parameters.stopSequences().isEmpty()) {
            config.stopSequences(parameters.stopSequences());
            any = true;
        }
        return any ? config.build() : null;
    }

    /** The assistant's answer: its text blocks joined, its toolUse blocks as tool calls (input as JSON text). */
    static AiMessage aiMessage(List<ContentBlock> content) {
        StringBuilder text = new StringBuilder();
        List<ToolExecutionRequest> calls = new ArrayList<>();
        for (ContentBlock block : content == null ? List.<ContentBlock>of() : content) {
            if (block.text() != null) {
                text.append(block.text());
            } else if (block.toolUse() != null) {
                ToolUseBlock use = block.toolUse();
                calls.add(ToolExecutionRequest.builder().id(use.toolUseId()).name(use.name())
                        .arguments(Documents.toJson(use.input())).build());
            }
        }
        return aiMessage(text.toString(), calls);
    }

    static AiMessage aiMessage(String text, List<ToolExecutionRequest> calls) {
        if (calls.isEmpty()) {
            return AiMessage.from(text);
        }
        return AiMessage.builder().text(text.isEmpty() ? null : text).toolExecutionRequests(calls).build();
    }

    /** Converse stop reasons (end_turn, tool_use, max_tokens, stop_sequence, guardrail_intervened, ...). */
    static FinishReason finishReason(StopReason reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case END_TURN, STOP_SEQUENCE -> FinishReason.STOP;
            case TOOL_USE -> FinishReason.TOOL_EXECUTION;
            case MAX_TOKENS, MODEL_CONTEXT_WINDOW_EXCEEDED -> FinishReason.LENGTH;
            case GUARDRAIL_INTERVENED, CONTENT_FILTERED -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }
}
