package com.byomlab.llm.internal.providers.bedrock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.byomlab.llm.internal.Endpoint;
import com.byomlab.llm.internal.http.CallScope;
import com.byomlab.llm.internal.http.GuardedHttpClientBuilder;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;

/**
 * Bedrock as LangChain4j chat models, plain (Converse) and streamed (ConverseStream), for one (endpoint, region,
 * model). Like the other providers' models they hold no key: each call's key comes from its {@link CallScope} and goes
 * into that request's signing identity. The SDK client is built once per model and runs every request on the
 * caller's thread through our HTTP client.
 */
final class BedrockChatModels {

    private BedrockChatModels() {
    }

    static ChatModel blocking(Endpoint endpoint, String model, GuardedHttpClientBuilder http) {
        return new Blocking(BedrockSdk.runtime(endpoint, http.buildForAwsSdk()), model);
    }

    static StreamingChatModel streaming(Endpoint endpoint, String model, GuardedHttpClientBuilder http) {
        return new Streaming(BedrockSdk.runtime(endpoint, http.buildForAwsSdk()), model);
    }

    private record Blocking(BedrockRuntimeAsyncClient client, String model) implements ChatModel {

        @Override
        public ChatResponse doChat(ChatRequest request) {
            ConverseMapping.Parts parts = ConverseMapping.parts(request);
            ConverseRequest converse = ConverseRequest.builder().modelId(model)
                    .overrideConfiguration(BedrockSdk.runtimeAuth(CallScope.key()))
                    .system(parts.system()).messages(parts.messages()).toolConfig(parts.toolConfig())
                    .inferenceConfig(parts.inferenceConfig()).build();
            ConverseResponse response;
            try {
                response = BedrockSdk.await(client.converse(converse));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.langchain4j.exception.LangChain4jException("interrupted", e);
            }
            AiMessage message = ConverseMapping.aiMessage(
                    response.output() == null || response.output().message() == null ? List.of()
                            : response.output().message().content());
            return ChatResponse.builder().aiMessage(message).modelName(model)
                    .finishReason(ConverseMapping.finishReason(response.stopReason()))
                    .tokenUsage(BedrockTokenUsage.from(response.usage())).build();
        }
    }

    private record Streaming(BedrockRuntimeAsyncClient client, String model) implements StreamingChatModel {

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            ConverseMapping.Parts parts = ConverseMapping.parts(request);
            ConverseStreamRequest converse = ConverseStreamRequest.builder().modelId(model)
                    .overrideConfiguration(BedrockSdk.runtimeAuth(CallScope.key()))
                    .system(parts.system()).messages(parts.messages()).toolConfig(parts.toolConfig())
                    .inferenceConfig(parts.inferenceConfig()).build();
            Answer answer = new Answer(handler);
            ConverseStreamResponseHandler events = ConverseStreamResponseHandler.builder()
                    .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onContentBlockStart(e -> answer.start(e.contentBlockIndex(), e.start()))
                            .onContentBlockDelta(e -> answer.delta(e.contentBlockIndex(), e.delta()))
                            .onMessageStop(e -> answer.stopReason = e.stopReason())
                            .onMetadata(e -> answer.usage = BedrockTokenUsage.from(e.usage()))
                            .build())
                    .build();
            // our HTTP client reads the whole stream inside this call, on this thread; the future is settled by then
            client.converseStream(converse, events).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    handler.onError(BedrockSdk.unwrap(failure));
                } else {
                    handler.onCompleteResponse(answer.response(model));
                }
            });
        }
    }

    /**
     * The streamed answer as it arrives: text deltas and tool input pieces forwarded at once (a tool call's index is
     * its content block's; {@code ChatAttempts} numbers calls by first appearance), tool inputs gathered per content
     * block.
     */
    private static final class Answer {
        private final StreamingChatResponseHandler handler;
        private final StringBuilder text = new StringBuilder();
        private final Map<Integer, ToolUse> tools = new TreeMap<>();
        private volatile StopReason stopReason;
        private volatile BedrockTokenUsage usage;

        Answer(StreamingChatResponseHandler handler) {
            this.handler = handler;
        }

        private static final class ToolUse {
            final String id;
            final String name;
            final StringBuilder input = new StringBuilder();

            ToolUse(String id, String name) {
                this.id = id;
                this.name = name;
            }
        }

        void start(Integer index, software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStart start) {
            if (start != null && start.toolUse() != null) {
                tools.put(index, new ToolUse(start.toolUse().toolUseId(), start.toolUse().name()));
            }
        }

        void delta(Integer index, ContentBlockDelta delta) {
            if (delta == null) {
                return;
            }
            if (delta.text() != null) {
                text.append(delta.text());
                if (!delta.text().isEmpty()) {
                    handler.onPartialResponse(delta.text());
                }
            } else if (delta.toolUse() != null && tools.containsKey(index)) {
                ToolUse use = tools.get(index);
                String piece = delta.toolUse().input();
                if (piece != null && !piece.isEmpty()) {
                    use.input.append(piece);
                    handler.onPartialToolCall(PartialToolCall.builder().index(index).id(use.id).name(use.name)
                            .partialArguments(piece).build());
                }
            }
        }

        ChatResponse response(String model) {
            List<ToolExecutionRequest> calls = new ArrayList<>();
            for (ToolUse use : tools.values()) {
                // the input arrives as JSON text in pieces: parsed once here so a broken one fails the call, and kept
                // as it came, so the arguments equal the pieces already passed on
                String input = use.input.toString();
                Documents.fromJson(input);
                calls.add(ToolExecutionRequest.builder().id(use.id).name(use.name)
                        .arguments(input.isBlank() ? "{}" : input).build());
            }
            FinishReason reason = ConverseMapping.finishReason(stopReason);
            return ChatResponse.builder().aiMessage(ConverseMapping.aiMessage(text.toString(), calls))
                    .modelName(model).finishReason(reason).tokenUsage(usage).build();
        }
    }
}
