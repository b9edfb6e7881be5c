package com.byomlab.gateway;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The gateway's wire format for the OpenAPI description only (/v3/api-docs): the controllers read and write these
 * bodies as JSON trees (CompletionRequests, CompletionResponses, GatewayJson), so nothing here is bound. OpenAI's
 * Chat Completions and Models shapes, limited to what the gateway reads and writes.
 */
final class GatewaySchemas {

    private GatewaySchemas() {
    }

    @Schema(name = "ChatCompletionRequest", description = "OpenAI Chat Completions request. Refused (400 "
            + "unsupported_parameter): n other than 1, a response_format other than text, non-text content parts, the "
            + "legacy function role and functions. Accepted and ignored: seed, penalties, logit_bias, user, metadata, "
            + "store, parallel_tool_calls, logprobs: false.")
    record ChatCompletionRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "gpt-4o-mini",
                    description = "A model of the token's credential's provider; GET /v1/models lists them.")
            String model,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Message> messages,
            @Schema(description = "Answer as server-sent events of chat.completion.chunk objects, ending with "
                    + "'data: [DONE]'.") Boolean stream,
            StreamOptions streamOptions,
            Double temperature,
            Double topP,
            Integer maxTokens,
            Integer maxCompletionTokens,
            @Schema(description = "A string or an array of up to 4 strings.", types = {"string", "array"})
            Object stop,
            List<Tool> tools,
            @Schema(description = "'none', 'auto', 'required', or {\"type\": \"function\", \"function\": {\"name\": "
                    + "…}}.", types = {"string", "object"}) Object toolChoice,
            @Schema(description = "Only 1.", example = "1") Integer n) {
    }

    @Schema(name = "ChatMessage")
    record Message(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"system", "developer", "user", "assistant", "tool"}) String role,
            @Schema(description = "A string, or an array of text parts {\"type\": \"text\", \"text\": …}; null on an "
                    + "assistant message that only calls tools.", types = {"string", "array", "null"}) Object content,
            String name,
            List<ToolCall> toolCalls,
            @Schema(description = "On a tool message: the id of the assistant's tool call it answers.")
            String toolCallId) {
    }

    @Schema(name = "ChatStreamOptions")
    record StreamOptions(@Schema(description = "Send a last chunk with the usage and no choices.")
                         Boolean includeUsage) {
    }

    @Schema(name = "ChatTool")
    record Tool(@Schema(allowableValues = "function", requiredMode = Schema.RequiredMode.REQUIRED) String type,
                @Schema(requiredMode = Schema.RequiredMode.REQUIRED) FunctionDefinition function) {
    }

    @Schema(name = "ChatFunctionDefinition")
    record FunctionDefinition(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String name, String description,
                              @Schema(description = "A JSON Schema of the arguments.")
                              Map<String, Object> parameters) {
    }

    @Schema(name = "ChatToolCall")
    record ToolCall(String id, @Schema(allowableValues = "function") String type, FunctionCall function) {
    }

    @Schema(name = "ChatFunctionCall")
    record FunctionCall(String name, @Schema(description = "The arguments as a JSON text.") String arguments) {
    }

    @Schema(name = "ChatCompletion", description = "The answer when 'stream' is not true.")
    record ChatCompletion(@Schema(example = "chatcmpl-4f1c…") String id,
                          @Schema(allowableValues = "chat.completion") String object,
                          @Schema(description = "Unix seconds.") long created,
                          @Schema(description = "The model that ran (a fallback may have run another).") String model,
                          List<Choice> choices, Usage usage) {
    }

    @Schema(name = "ChatChoice")
    record Choice(int index, AssistantMessage message,
                  @Schema(allowableValues = {"stop", "length", "tool_calls", "content_filter"}) String finishReason) {
    }

    @Schema(name = "ChatAssistantMessage")
    record AssistantMessage(@Schema(allowableValues = "assistant") String role,
                            @Schema(types = {"string", "null"}) String content, List<ToolCall> toolCalls) {
    }

    @Schema(name = "ChatCompletionChunk", description = "One server-sent event of a streamed answer (data: {…}).")
    record ChatCompletionChunk(String id, @Schema(allowableValues = "chat.completion.chunk") String object,
                               long created, String model, List<ChunkChoice> choices,
                               @Schema(description = "Only on the last chunk, with include_usage.") Usage usage) {
    }

    @Schema(name = "ChatChunkChoice")
    record ChunkChoice(int index, Delta delta, String finishReason) {
    }

    @Schema(name = "ChatDelta")
    record Delta(String role, String content, List<ToolCall> toolCalls) {
    }

    @Schema(name = "ChatUsage", description = "Token counts of the call as the provider reported them.")
    record Usage(int promptTokens, int completionTokens, int totalTokens, PromptTokensDetails promptTokensDetails,
                 CompletionTokensDetails completionTokensDetails) {
    }

    @Schema(name = "ChatPromptTokensDetails")
    record PromptTokensDetails(int cachedTokens, Integer cacheWriteTokens) {
    }

    @Schema(name = "ChatCompletionTokensDetails")
    record CompletionTokensDetails(int reasoningTokens) {
    }

    @Schema(name = "ModelList")
    record ModelList(@Schema(allowableValues = "list") String object, List<Model> data) {
    }

    @Schema(name = "Model")
    record Model(@Schema(example = "gpt-4o-mini") String id, @Schema(allowableValues = "model") String object,
                 @Schema(description = "Unix seconds; 0 where the provider does not say.") long created,
                 @Schema(example = "openai") String ownedBy) {
    }

    @Schema(name = "GatewayError", description = "OpenAI's error format.")
    record Error(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) ErrorBody error) {
    }

    @Schema(name = "GatewayErrorBody")
    record ErrorBody(@Schema(example = "Send a BYOM Lab personal access token as 'Authorization: Bearer <token>'.")
                     String message,
                     @Schema(example = "invalid_request_error", allowableValues = {"invalid_request_error",
                             "authentication_error", "permission_error", "rate_limit_error", "insufficient_quota",
                             "upstream_error", "server_error"}) String type,
                     @Schema(types = {"string", "null"}) String param,
                     @Schema(types = {"string", "null"}, example = "invalid_api_key", description = "e.g. "
                             + "invalid_api_key, model_not_found, invalid_model_id, unsupported_parameter, "
                             + "request_too_large, unknown_url, credential_unavailable, invalid_key, timeout, network, "
                             + "internal_error")
                     String code) {
    }
}
