package com.byomlab.testsupport.fakes;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;

/**
 * Fake Anthropic API: model listing and Messages, JSON and streamed ({@link AnthropicChatWire}), answers from
 * {@link #chat()}. Shapes from https://docs.anthropic.com/en/api/models-list and
 * https://docs.anthropic.com/en/api/errors: errors are {@code {"type":"error","error":{"type","message"},
 * "request_id"}}; 401 authentication_error, 429 rate_limit_error, 500 api_error, 529 overloaded_error; an
 * account out of credit gets 400 invalid_request_error "Your credit balance is too low...". Requests must
 * carry x-api-key and anthropic-version, as the real API requires. A request with {@code cache_control} breakpoints
 * gets the prompt cache's usage ({@link AnthropicPromptCache}: written on first sight of a prefix, read after),
 * unless the test scripted that answer's counts ({@link ChatReply#usage}).
 */
public final class FakeAnthropic extends FakeProviderServer {

    static final String INVALID_KEY_TEXT = "invalid x-api-key";
    static final String MISSING_VERSION_TEXT = "anthropic-version: header is required";
    static final String RATE_LIMIT_TEXT = "Number of request tokens has exceeded your per-minute rate limit";
    static final String CREDIT_TEXT = "Your credit balance is too low to access the Anthropic API. "
            + "Please go to Plans & Billing to upgrade or purchase credits.";
    static final String SERVER_ERROR_TEXT = "Internal server error";
    static final String OVERLOADED_TEXT = "Overloaded";
    static final String BAD_REQUEST_TEXT = "tools.0.input_schema: JSON schema is invalid";

    private final AnthropicPromptCache promptCache = new AnthropicPromptCache();

    /**
     * The usage reported for each answered request that carried {@code cache_control} breakpoints, in order: input
     * neither read nor written, cache reads, 5-minute and 1-hour cache writes (see {@link AnthropicPromptCache}).
     */
    public List<int[]> promptCacheUsage() {
        return promptCache.reported().stream().map(u -> new int[] {u.inputTokens(), u.cacheRead(), u.cacheWrite5m(),
                u.cacheWrite1h()}).toList();
    }

    /** Also forgets what the prompt cache holds: every test starts with a cold cache. */
    @Override
    public FakeProviderServer reset() {
        promptCache.clear();
        countTokens = 42;
        badRequestText = BAD_REQUEST_TEXT;
        return super.reset();
    }

    private FakeAnthropic(String expectedKey) {
        super(expectedKey, List.of("claude-sonnet-4-20250514", "claude-3-5-haiku-20241022"));
    }

    public static FakeAnthropic start(String expectedKey) {
        return new FakeAnthropic(expectedKey);
    }

    @Override
    public String baseUrl() {
        return origin() + "/v1";
    }

    @Override
    public List<String> rawErrorTexts() {
        return List.of(INVALID_KEY_TEXT, MISSING_VERSION_TEXT, RATE_LIMIT_TEXT, CREDIT_TEXT, SERVER_ERROR_TEXT,
                BAD_REQUEST_TEXT);
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        boolean models = request.method().equals("GET") && request.path().equals("/v1/models");
        boolean chat = request.method().equals("POST") && request.path().equals("/v1/messages");
        boolean count = request.method().equals("POST") && request.path().equals("/v1/messages/count_tokens");
        if (!models && !chat && !count) {
            sendJson(exchange, 404, error("not_found_error", "Not found"), Map.of());
            return;
        }
        if (!keyMatches(request.header("x-api-key").orElse(null))) {
            sendJson(exchange, 401, error("authentication_error", INVALID_KEY_TEXT), Map.of());
            return;
        }
        if (request.header("anthropic-version").isEmpty()) {
            sendJson(exchange, 400, error("invalid_request_error", MISSING_VERSION_TEXT), Map.of());
            return;
        }
        if (chat) {
            answerChat(exchange, AnthropicChatWire.parse(request, request.header("x-api-key").orElse(null)));
            return;
        }
        if (count) {
            answerCountTokens(exchange, request);
            return;
        }
        if (playGenericScenario(exchange)) {
            return;
        }
        if (scenario().kind() == Scenario.Kind.OK) {
            sendJson(exchange, 200, modelList(), Map.of());
        } else {
            sendFailure(exchange, scenario());
        }
    }

    /**
     * Chat: unknown model is 404 not_found_error. A scripted {@link Scenario#overloaded()} on a streamed request is
     * played as Anthropic does under load mid-stream: HTTP 200, message_start, then {@code event: error} with
     * overloaded_error.
     */
    private void answerChat(HttpExchange exchange, ChatRequestSeen seen) throws IOException {
        if (!modelIds().contains(seen.model())) {
            chat().recordOnly(seen);
            sendJson(exchange, 404, error("not_found_error", "model: " + seen.model()), Map.of());
            return;
        }
        answerChat(exchange, seen, new ChatRenderer() {
            @Override
            public String json(ChatReply reply) {
                return AnthropicChatWire.json(reply, seen.model(), cacheUsage(reply, seen));
            }

            @Override
            public void stream(ChatReply reply, SseStream sse) throws IOException {
                AnthropicChatWire.stream(reply, sse, seen.model(), cacheUsage(reply, seen));
            }
        });
    }

    /** The prompt cache's usage, unless the test scripted the input counts of this answer (then those are sent). */
    private AnthropicPromptCache.Usage cacheUsage(ChatReply reply, ChatRequestSeen seen) {
        return reply.scriptedUsage() || !reply.hasUsage() ? null : promptCache.play(seen.raw().body());
    }

    /**
     * {@code POST /v1/messages/count_tokens} (https://docs.anthropic.com/en/api/messages-count-tokens): the same
     * request shape as Messages without max_tokens, answered {@code {"input_tokens": N}}; N is what
     * {@link #countTokensAnswer(int)} set (default 42). The scripted scenario's failures apply.
     */
    private void answerCountTokens(HttpExchange exchange, RecordedRequest request) throws IOException {
        if (playGenericScenario(exchange)) {
            return;
        }
        if (scenario().kind() != Scenario.Kind.OK) {
            sendFailure(exchange, scenario());
            return;
        }
        String model = FakeJson.text(FakeJson.parse(request.body()).path("model"));
        if (!modelIds().contains(model)) {
            sendJson(exchange, 404, error("not_found_error", "model: " + model), Map.of());
            return;
        }
        sendJson(exchange, 200, "{\"input_tokens\":" + countTokens + "}", Map.of());
    }

    private volatile int countTokens = 42;

    private volatile String badRequestText = BAD_REQUEST_TEXT;

    /** The message of the next scripted 400 invalid_request_error, e.g. "prompt is too long: 208310 tokens > …". */
    public FakeAnthropic badRequestText(String text) {
        this.badRequestText = text;
        return this;
    }

    /** What count_tokens answers from now on. */
    public FakeAnthropic countTokensAnswer(int inputTokens) {
        this.countTokens = inputTokens;
        return this;
    }

    @Override
    protected boolean playsFailureAsStream(Scenario scenario) {
        return scenario.kind() == Scenario.Kind.OVERLOADED;
    }

    @Override
    protected void streamFailure(Scenario scenario, SseStream sse, String model) throws IOException {
        AnthropicChatWire.streamError(sse, model, "overloaded_error", OVERLOADED_TEXT);
    }

    @Override
    protected void sendFailure(HttpExchange exchange, Scenario scenario) throws IOException {
        switch (scenario.kind()) {
            case RATE_LIMITED -> sendJson(exchange, 429, error("rate_limit_error", RATE_LIMIT_TEXT), retryAfter(scenario));
            case QUOTA_EXHAUSTED -> sendJson(exchange, 400, error("invalid_request_error", CREDIT_TEXT), Map.of());
            case SERVER_ERROR -> sendJson(exchange, scenario.status(), error("api_error", SERVER_ERROR_TEXT), Map.of());
            case OVERLOADED -> sendJson(exchange, 529, error("overloaded_error", OVERLOADED_TEXT), Map.of());
            case UNAUTHORIZED -> sendJson(exchange, 401, error("authentication_error", INVALID_KEY_TEXT), Map.of());
            case BAD_REQUEST -> sendJson(exchange, 400, error("invalid_request_error", badRequestText), Map.of());
            default -> throw new IllegalStateException("unhandled scenario " + scenario);
        }
    }

    private String modelList() {
        List<String> ids = modelIds();
        String data = ids.stream()
                .map(id -> "{\"type\":\"model\",\"id\":" + quote(id) + ",\"display_name\":" + quote("Display " + id)
                        + ",\"created_at\":\"2025-05-22T00:00:00Z\"}")
                .collect(Collectors.joining(","));
        String first = ids.isEmpty() ? "null" : quote(ids.get(0));
        String last = ids.isEmpty() ? "null" : quote(ids.get(ids.size() - 1));
        return "{\"data\":[" + data + "],\"has_more\":false,\"first_id\":" + first + ",\"last_id\":" + last + "}";
    }

    private static String error(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":" + quote(type) + ",\"message\":" + quote(message)
                + "},\"request_id\":\"req_011CFakeRequestId\"}";
    }
}
