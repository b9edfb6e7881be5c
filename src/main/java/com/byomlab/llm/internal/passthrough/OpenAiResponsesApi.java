package com.byomlab.llm.internal.passthrough;

import com.byomlab.llm.ErrorCode;
import com.byomlab.llm.NativeApi;
import com.byomlab.llm.ProviderProfile;
import com.byomlab.llm.TokenCounts;
import com.byomlab.llm.WireProtocol;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * OpenAI's {@code POST /v1/responses} (https://platform.openai.com/docs/api-reference/responses, the streaming
 * events in …/responses-streaming; shapes as in openai-node's {@code resources/responses/responses.ts}), passed
 * through only to a provider that serves it itself ({@link ProviderProfile#servesResponsesApi()}: OpenAI, not every
 * server that speaks Chat Completions).
 *
 * <p>Usage is the response object's {@code usage}, read from the JSON answer or, in a stream, from the response of
 * {@code response.completed} / {@code response.incomplete} (or {@code response.failed}): {@code input_tokens}
 * (cache reads included, {@code input_tokens_details.cached_tokens}; cache writes in
 * {@code cache_write_tokens}), {@code output_tokens} (reasoning included, {@code output_tokens_details
 * .reasoning_tokens}): already {@link TokenCounts}' one meaning. {@code response.created} and
 * {@code response.in_progress} say nothing yet (held back, so a stream that fails right after them can still be
 * retried); {@code response.failed} and {@code error} end the stream with the error their code names.
 */
public final class OpenAiResponsesApi implements NativeApi {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public static final OpenAiResponsesApi RESPONSES = new OpenAiResponsesApi();

    private OpenAiResponsesApi() {
    }

    @Override
    public WireProtocol protocol() {
        return WireProtocol.OPENAI_CHAT;
    }

    @Override
    public boolean servedBy(ProviderProfile profile) {
        return profile.servesResponsesApi();
    }

    @Override
    public String path() {
        return "responses";
    }

    @Override
    public Reader reader() {
        return new UsageReader();
    }

    @Override
    public String toString() {
        return "openai /v1/responses";
    }

    static final class UsageReader implements Reader {
        private TokenCounts usage = TokenCounts.notReported();
        private String stopReason;
        private ErrorCode error = ErrorCode.PROVIDER_UNAVAILABLE;

        @Override
        public Event event(String name, String data) {
            JsonNode event = parse(data);
            String type = event.path("type").isString() ? event.path("type").stringValue() : name == null ? "" : name;
            switch (type) {
                case "response.created", "response.in_progress", "response.queued" -> {
                    return Event.PREAMBLE;
                }
                case "response.completed", "response.incomplete" -> {
                    response(event.path("response"));
                    return Event.CONTENT;
                }
                case "response.failed" -> {
                    response(event.path("response"));
                    error = errorCode(event.path("response").path("error").path("code").asString(""));
                    return Event.ERROR;
                }
                case "error" -> {
                    JsonNode nested = event.path("error");
                    error = errorCode((nested.isObject() ? nested : event).path("code").asString(""));
                    return Event.ERROR;
                }
                default -> {
                    return Event.CONTENT;
                }
            }
        }

        @Override
        public void body(String json) {
            response(parse(json));
        }

        @Override
        public TokenCounts usage() {
            return usage;
        }

        /** The response's status as OpenAI wrote it, or the reason it is incomplete ({@code max_output_tokens}). */
        @Override
        public String stopReason() {
            return stopReason;
        }

        @Override
        public ErrorCode streamError() {
            return error;
        }

        private void response(JsonNode response) {
            if (!response.isObject()) {
                return;
            }
            JsonNode reason = response.path("incomplete_details").path("reason");
            if (reason.isString()) {
                stopReason = reason.stringValue();
            } else if (response.path("status").isString()) {
                stopReason = response.path("status").stringValue();
            }
            JsonNode u = response.path("usage");
            if (!u.isObject()) {
                return;
            }
            Integer input = count(u.path("input_tokens"));
            Integer output = count(u.path("output_tokens"));
            if (input == null && output == null) {
                return;
            }
            usage = new TokenCounts(input, output, count(u.path("input_tokens_details").path("cached_tokens")),
                    count(u.path("input_tokens_details").path("cache_write_tokens")),
                    count(u.path("output_tokens_details").path("reasoning_tokens")), true);
        }

        private static Integer count(JsonNode value) {
            return value.isIntegralNumber() && value.canConvertToInt() ? value.intValue() : null;
        }

        /** https://platform.openai.com/docs/guides/error-codes: the codes a failed response or error event carries. */
        private static ErrorCode errorCode(String code) {
            return switch (code) {
                case "rate_limit_exceeded" -> ErrorCode.RATE_LIMITED;
                case "insufficient_quota" -> ErrorCode.INSUFFICIENT_QUOTA;
                case "invalid_api_key" -> ErrorCode.INVALID_KEY;
                default -> ErrorCode.PROVIDER_UNAVAILABLE; // server_error, anything new
            };
        }

        private static JsonNode parse(String json) {
            try {
                JsonNode node = MAPPER.readTree(json == null ? "" : json);
                return node == null ? MissingNode.getInstance() : node;
            } catch (JacksonException e) {
                return MissingNode.getInstance();
            }
        }
    }
}
