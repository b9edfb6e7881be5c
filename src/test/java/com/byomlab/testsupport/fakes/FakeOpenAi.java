package com.byomlab.testsupport.fakes;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;

/**
 * Fake OpenAI (and OpenAI-compatible server, with another API root such as "/api/v1"): model listing and chat
 * completions, JSON and streamed ({@link OpenAiChatWire}); the chat answers come from {@link #chat()}.
 * Shapes from the API reference (https://platform.openai.com/docs/api-reference/models/list) and the
 * error-code guide (https://platform.openai.com/docs/guides/error-codes): errors are
 * {@code {"error":{"message","type","param","code"}}}; a bad key is 401 invalid_api_key, running out of
 * credit is 429 with type/code insufficient_quota, throttling is 429 rate_limit_exceeded.
 */
public final class FakeOpenAi extends FakeProviderServer {

    static final String INVALID_KEY_TEXT = "Incorrect API key provided: sk-wr***ng. You can find your API key at "
            + "https://platform.openai.com/account/api-keys.";
    static final String RATE_LIMIT_TEXT = "Rate limit reached for requests";
    static final String QUOTA_TEXT = "You exceeded your current quota, please check your plan and billing details.";
    static final String SERVER_ERROR_TEXT = "The server had an error while processing your request. Sorry about that!";
    static final String OVERLOADED_TEXT = "The engine is currently overloaded, please try again later";
    static final String PAYMENT_TEXT = "This request requires more credits, or fewer max_tokens.";
    static final String BAD_REQUEST_TEXT = "Invalid schema for function 'get_price_history'.";

    private final String apiRoot;
    /** OpenRouter: GET /models answers anyone, GET /key answers only a valid key. */
    private final boolean openRouter;

    private FakeOpenAi(String expectedKey, String apiRoot, boolean openRouter, List<String> models) {
        super(expectedKey, models);
        this.apiRoot = apiRoot;
        this.openRouter = openRouter;
    }

    /** OpenAI at /v1. */
    public static FakeOpenAi start(String expectedKey) {
        return new FakeOpenAi(expectedKey, "/v1", false, List.of("gpt-4o", "gpt-4o-mini", "o3-mini"));
    }

    /** An OpenAI-compatible server whose API lives under {@code apiRoot}, e.g. "/openai/v1" like Groq. */
    public static FakeOpenAi compatible(String expectedKey, String apiRoot) {
        return new FakeOpenAi(expectedKey, apiRoot, false, List.of("gpt-4o", "gpt-4o-mini", "o3-mini"));
    }

    /**
     * OpenRouter at /api/v1 (https://openrouter.ai/docs/api-reference): its models list is public (answers without
     * a key), {@code GET /key} describes the calling key and answers 401 to a wrong one; model ids are vendor/model.
     */
    public static FakeOpenAi openRouter(String expectedKey) {
        return new FakeOpenAi(expectedKey, "/api/v1", true,
                List.of("openai/gpt-4o-mini", "meta-llama/llama-3.3-70b-instruct"));
    }

    @Override
    public String baseUrl() {
        return origin() + apiRoot;
    }

    @Override
    public List<String> rawErrorTexts() {
        return List.of(INVALID_KEY_TEXT, RATE_LIMIT_TEXT, QUOTA_TEXT, SERVER_ERROR_TEXT, OVERLOADED_TEXT, PAYMENT_TEXT,
                BAD_REQUEST_TEXT);
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        boolean models = request.method().equals("GET") && request.path().equals(apiRoot + "/models");
        boolean chat = request.method().equals("POST") && request.path().equals(apiRoot + "/chat/completions");
        boolean keyInfo = openRouter && request.method().equals("GET") && request.path().equals(apiRoot + "/key");
        if (openRouter && models && playGenericScenario(exchange)) {
            return;
        }
        if (openRouter && models && scenario().kind() == Scenario.Kind.OK) {
            sendJson(exchange, 200, modelList(), Map.of()); // public: no key needed
            return;
        }
        boolean embeddings = request.method().equals("POST") && request.path().equals(apiRoot + "/embeddings");
        if (embeddings) {
            answerEmbeddings(exchange, request);
            return;
        }
        if (!models && !chat && !keyInfo) {
            sendJson(exchange, 404, error("Invalid URL (" + request.method() + " " + request.path() + ")",
                    "invalid_request_error", null), Map.of());
            return;
        }
        String authorization = request.header("authorization").orElse("");
        if (!authorization.startsWith("Bearer ") || !keyMatches(authorization.substring("Bearer ".length()))) {
            sendJson(exchange, 401, error(INVALID_KEY_TEXT, "invalid_request_error", "invalid_api_key"), Map.of());
            return;
        }
        if (chat) {
            answerChat(exchange, request, authorization.substring("Bearer ".length()));
            return;
        }
        if (keyInfo) {
            sendJson(exchange, 200, "{\"data\":{\"label\":\"sk-or-v1-fak...key\",\"limit\":null,\"usage\":0,"
                    + "\"is_free_tier\":false}}", Map.of());
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
     * {@code POST /embeddings} (https://platform.openai.com/docs/api-reference/embeddings/create): a model whose id
     * does not name an embedding model is 404 model_not_found.
     */
    private void answerEmbeddings(HttpExchange exchange, RecordedRequest request) throws IOException {
        String authorization = request.header("authorization").orElse("");
        if (!authorization.startsWith("Bearer ") || !keyMatches(authorization.substring("Bearer ".length()))) {
            sendJson(exchange, 401, error(INVALID_KEY_TEXT, "invalid_request_error", "invalid_api_key"), Map.of());
            return;
        }
        EmbeddingScript.Seen seen = EmbeddingWire.parseOpenAi(request, authorization.substring("Bearer ".length()),
                null);
        if (seen.model() == null || !seen.model().contains("embed")) {
            embeddings().recordOnly(seen);
            sendJson(exchange, 404, error("The model `" + seen.model() + "` does not exist or you do not have access "
                    + "to it.", "invalid_request_error", "model_not_found"), Map.of());
            return;
        }
        answerEmbeddings(exchange, seen, reply -> EmbeddingWire.openAi(reply, seen));
    }

    private void answerChat(HttpExchange exchange, RecordedRequest request, String key) throws IOException {
        ChatRequestSeen seen = OpenAiChatWire.parse(request, key);
        if (!modelIds().contains(seen.model())) {
            chat().recordOnly(seen); // seen, but the model does not exist: 404 model_not_found, as OpenAI answers
            sendJson(exchange, 404, error("The model `" + seen.model() + "` does not exist or you do not have access "
                    + "to it.", "invalid_request_error", "model_not_found"), Map.of());
            return;
        }
        answerChat(exchange, seen, new ChatRenderer() {
            @Override
            public String json(ChatReply reply) {
                return OpenAiChatWire.json(reply, seen.model());
            }

            @Override
            public void stream(ChatReply reply, SseStream sse) throws IOException {
                OpenAiChatWire.stream(reply, sse, seen.model(), seen.usageRequested());
            }
        });
    }

    @Override
    protected void sendFailure(HttpExchange exchange, Scenario scenario) throws IOException {
        switch (scenario.kind()) {
            case RATE_LIMITED -> sendJson(exchange, 429, error(RATE_LIMIT_TEXT, "requests", "rate_limit_exceeded"),
                    retryAfter(scenario));
            case QUOTA_EXHAUSTED -> sendJson(exchange, 429, error(QUOTA_TEXT, "insufficient_quota", "insufficient_quota"),
                    Map.of());
            case SERVER_ERROR -> sendJson(exchange, scenario.status(), error(SERVER_ERROR_TEXT, "server_error", null),
                    Map.of());
            case OVERLOADED -> sendJson(exchange, 503, error(OVERLOADED_TEXT, "server_error", null), Map.of());
            case UNAUTHORIZED -> sendJson(exchange, 401, error(INVALID_KEY_TEXT, "invalid_request_error",
                    "invalid_api_key"), Map.of());
            case PAYMENT_REQUIRED -> sendJson(exchange, 402, error(PAYMENT_TEXT, "insufficient_credits", null), Map.of());
            case BAD_REQUEST -> sendJson(exchange, 400, error(BAD_REQUEST_TEXT, "invalid_request_error", null), Map.of());
            default -> throw new IllegalStateException("unhandled scenario " + scenario);
        }
    }

    private String modelList() {
        String data = modelIds().stream()
                .map(id -> "{\"id\":" + quote(id) + ",\"object\":\"model\",\"created\":1715367049,\"owned_by\":\"system\"}")
                .collect(Collectors.joining(","));
        return "{\"object\":\"list\",\"data\":[" + data + "]}";
    }

    private static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":" + quote(message) + ",\"type\":" + quote(type) + ",\"param\":null,\"code\":"
                + (code == null ? "null" : quote(code)) + "}}";
    }
}
