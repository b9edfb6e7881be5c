package com.byomlab.llm.internal.passthrough;

import java.util.Map;

import com.byomlab.llm.ErrorCode;
import com.byomlab.llm.NativeApi;
import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import com.byomlab.llm.WireProtocol;
import com.byomlab.llm.internal.Drivers;

import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Anthropic's {@code POST /v1/messages} and {@code POST /v1/messages/count_tokens}
 * (https://docs.anthropic.com/en/api/messages, …/messages-streaming, …/messages-count-tokens). Usage is read from
 * the JSON answer's {@code usage}, or in a stream from {@code message_start.message.usage} (input, cache reads and
 * writes) and each {@code message_delta.usage} (output so far; newer answers repeat the input counts there too):
 * the last value of each counter wins. The counts are normalised by Anthropic's profile, as for a translated call.
 */
public final class AnthropicMessagesApi implements NativeApi {

    /** The API version sent when the client names none (the one the public SDKs pin). */
    static final String DEFAULT_VERSION = "2023-06-01";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final String path;
    private final boolean metered;

    private AnthropicMessagesApi(String path, boolean metered) {
        this.path = path;
        this.metered = metered;
    }

    public static final AnthropicMessagesApi MESSAGES = new AnthropicMessagesApi("messages", true);
    /** Free and not metered: the answer is {@code {"input_tokens": N}}. */
    public static final AnthropicMessagesApi COUNT_TOKENS = new AnthropicMessagesApi("messages/count_tokens", false);

    @Override
    public WireProtocol protocol() {
        return WireProtocol.ANTHROPIC_MESSAGES;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Map<String, String> defaultHeaders() {
        return Map.of("anthropic-version", DEFAULT_VERSION);
    }

    @Override
    public boolean metered() {
        return metered;
    }

    @Override
    public Reader reader() {
        return new UsageReader();
    }

    @Override
    public String toString() {
        return "anthropic /v1/" + path;
    }

    /** Collects the counters as they come; the last value of each wins. */
    static final class UsageReader implements Reader {
        private Integer input;
        private Integer output;
        private Integer cacheRead;
        private Integer cacheWrite;
        private boolean seen;
        private String stopReason;
        private ErrorCode error = ErrorCode.PROVIDER_UNAVAILABLE;

        @Override
        public Event event(String name, String data) {
            JsonNode event = parse(data);
            String type = name != null ? name : event.path("type").asString("");
            switch (type) {
                case "message_start" -> {
                    usage(event.path("message").path("usage"));
                    return Event.PREAMBLE;
                }
                case "ping" -> {
                    return Event.PREAMBLE;
                }
                case "message_delta" -> {
                    usage(event.path("usage"));
                    JsonNode reason = event.path("delta").path("stop_reason");
                    if (reason.isString()) {
                        stopReason = reason.stringValue();
                    }
                    return Event.CONTENT;
                }
                case "error" -> {
                    error = errorCode(event.path("error").path("type").asString(""));
                    return Event.ERROR;
                }
                default -> {
                    return Event.CONTENT;
                }
            }
        }

        @Override
        public void body(String json) {
            JsonNode answer = parse(json);
            usage(answer.path("usage"));
            JsonNode reason = answer.path("stop_reason");
            if (reason.isString()) {
                stopReason = reason.stringValue();
            }
        }

        @Override
        public TokenCounts usage() {
            if (!seen) {
                return TokenCounts.notReported();
            }
            return Drivers.of(Provider.ANTHROPIC).usage(AnthropicTokenUsage.builder().inputTokenCount(input)
                    .outputTokenCount(output).cacheReadInputTokens(cacheRead).cacheCreationInputTokens(cacheWrite)
                    .build());
        }

        @Override
        public String stopReason() {
            return stopReason;
        }

        @Override
        public ErrorCode streamError() {
            return error;
        }

        private void usage(JsonNode usage) {
            if (!usage.isObject()) {
                return;
            }
            input = count(usage, "input_tokens", input);
            output = count(usage, "output_tokens", output);
            cacheRead = count(usage, "cache_read_input_tokens", cacheRead);
            cacheWrite = count(usage, "cache_creation_input_tokens", cacheWrite);
        }

        private Integer count(JsonNode usage, String field, Integer before) {
            JsonNode value = usage.path(field);
            if (value.isIntegralNumber() && value.canConvertToInt()) {
                seen = true;
                return value.intValue();
            }
            return before;
        }

        /** https://docs.anthropic.com/en/api/errors: the error types an event can carry. */
        private static ErrorCode errorCode(String type) {
            return switch (type) {
                case "rate_limit_error" -> ErrorCode.RATE_LIMITED;
                case "billing_error" -> ErrorCode.INSUFFICIENT_QUOTA;
                case "authentication_error", "permission_error" -> ErrorCode.INVALID_KEY;
                default -> ErrorCode.PROVIDER_UNAVAILABLE; // overloaded_error, api_error, anything new
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
