package com.byomlab.testsupport.fakes;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;

/**
 * Fake Gemini API (Google AI): model listing and generateContent / streamGenerateContent ({@link GeminiChatWire}),
 * answers from {@link #chat()}. Shapes from https://ai.google.dev/api/models#method:-models.list and
 * https://ai.google.dev/gemini-api/docs/troubleshooting: errors are google.rpc.Status
 * {@code {"error":{"code","message","status","details"}}}; a bad key is 400 INVALID_ARGUMENT with ErrorInfo
 * reason API_KEY_INVALID; quota and rate limits are 429 RESOURCE_EXHAUSTED with a QuotaFailure naming the
 * quota (per minute or per day). The key must come in x-goog-api-key; a {@code key=} query parameter (which
 * the real API accepts) is answered with an error here so that tests catch keys in URLs. Lists are paged
 * with pageToken/nextPageToken ({@link #pageSize}).
 */
public final class FakeGemini extends FakeProviderServer {

    static final String INVALID_KEY_TEXT = "API key not valid. Please pass a valid API key.";
    static final String KEY_IN_URL_TEXT = "fake: the API key must not travel in the URL";
    static final String EXHAUSTED_TEXT = "Resource has been exhausted (e.g. check quota).";
    static final String SERVER_ERROR_TEXT = "An internal error has occurred. Please retry or report in "
            + "https://developers.generativeai.google/guide/troubleshooting";
    static final String OVERLOADED_TEXT = "The model is overloaded. Please try again later.";

    private static final java.util.regex.Pattern CHAT_PATH =
            java.util.regex.Pattern.compile("/v1beta/models/([^/:]+):(generateContent|streamGenerateContent)");
    private static final java.util.regex.Pattern EMBED_PATH =
            java.util.regex.Pattern.compile("/v1beta/models/([^/:]+):batchEmbedContents");

    private volatile int pageSize = 50;

    private FakeGemini(String expectedKey) {
        super(expectedKey, List.of("gemini-2.0-flash", "gemini-2.5-pro", "text-embedding-004"));
    }

    public static FakeGemini start(String expectedKey) {
        return new FakeGemini(expectedKey);
    }

    public FakeGemini pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    @Override
    public String baseUrl() {
        return origin() + "/v1beta";
    }

    @Override
    public List<String> rawErrorTexts() {
        return List.of(INVALID_KEY_TEXT, KEY_IN_URL_TEXT, EXHAUSTED_TEXT, SERVER_ERROR_TEXT, OVERLOADED_TEXT);
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        Map<String, String> query = queryParams(request);
        if (query.containsKey("key")) {
            sendJson(exchange, 400, status(400, KEY_IN_URL_TEXT, "INVALID_ARGUMENT", ""), Map.of());
            return;
        }
        java.util.regex.Matcher chat = CHAT_PATH.matcher(request.path());
        boolean models = request.method().equals("GET") && request.path().equals("/v1beta/models");
        boolean isChat = request.method().equals("POST") && chat.matches();
        java.util.regex.Matcher embed = EMBED_PATH.matcher(request.path());
        if (!models && !isChat && !(request.method().equals("POST") && embed.matches())) {
            sendJson(exchange, 404, status(404, "Requested entity was not found.", "NOT_FOUND", ""), Map.of());
            return;
        }
        if (!keyMatches(request.header("x-goog-api-key").orElse(null))) {
            sendJson(exchange, 400, status(400, INVALID_KEY_TEXT, "INVALID_ARGUMENT",
                    "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\","
                            + "\"domain\":\"googleapis.com\",\"metadata\":{\"service\":\"generativelanguage.googleapis.com\"}}"),
                    Map.of());
            return;
        }
        if (isChat) {
            answerChat(exchange, request, chat.group(1), chat.group(2).equals("streamGenerateContent"), query);
            return;
        }
        if (embed.matches()) {
            EmbeddingScript.Seen seen = EmbeddingWire.parseGemini(request,
                    request.header("x-goog-api-key").orElse(null), embed.group(1));
            answerEmbeddings(exchange, seen, reply -> EmbeddingWire.gemini(seen));
            return;
        }
        if (playGenericScenario(exchange)) {
            return;
        }
        if (scenario().kind() == Scenario.Kind.OK) {
            sendJson(exchange, 200, modelPage(query.get("pageToken")), Map.of());
        } else {
            sendFailure(exchange, scenario());
        }
    }

    /** The model is in the path; streaming must ask for SSE ({@code alt=sse}), as LangChain4j does. */
    private void answerChat(HttpExchange exchange, RecordedRequest request, String model, boolean stream,
            Map<String, String> query) throws IOException {
        ChatRequestSeen seen = GeminiChatWire.parse(request, model, stream,
                request.header("x-goog-api-key").orElse(null));
        if (!modelIds().contains(model)) {
            chat().recordOnly(seen);
            sendJson(exchange, 404, status(404, "models/" + model + " is not found for API version v1beta, or is not "
                    + "supported for generateContent.", "NOT_FOUND", ""), Map.of());
            return;
        }
        if (stream && !"sse".equals(query.get("alt"))) {
            chat().recordOnly(seen);
            sendJson(exchange, 400, status(400, "fake: streaming needs alt=sse", "INVALID_ARGUMENT", ""), Map.of());
            return;
        }
        answerChat(exchange, seen, new ChatRenderer() {
            @Override
            public String json(ChatReply reply) {
                return GeminiChatWire.json(reply, model);
            }

            @Override
            public void stream(ChatReply reply, SseStream sse) throws IOException {
                GeminiChatWire.stream(reply, sse, model);
            }
        });
    }

    @Override
    protected String sseLineEnd() {
        return "\r\n";
    }

    @Override
    protected void sendFailure(HttpExchange exchange, Scenario scenario) throws IOException {
        switch (scenario.kind()) {
            case RATE_LIMITED -> sendJson(exchange, 429, exhausted("GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                    scenario.retryAfterSeconds()), Map.of());
            case QUOTA_EXHAUSTED -> sendJson(exchange, 429, exhausted("GenerateRequestsPerDayPerProjectPerModel-FreeTier",
                    null), Map.of());
            case SERVER_ERROR -> sendJson(exchange, scenario.status(), status(scenario.status(), SERVER_ERROR_TEXT,
                    "INTERNAL", ""), Map.of());
            case OVERLOADED -> sendJson(exchange, 503, status(503, OVERLOADED_TEXT, "UNAVAILABLE", ""), Map.of());
            default -> throw new IllegalStateException("unhandled scenario " + scenario);
        }
    }

    private String modelPage(String pageToken) {
        List<String> ids = modelIds();
        int from = pageToken == null ? 0 : Integer.parseInt(pageToken);
        int to = Math.min(ids.size(), from + pageSize);
        String models = ids.subList(from, to).stream()
                .map(id -> "{\"name\":" + quote("models/" + id) + ",\"version\":\"001\",\"displayName\":"
                        + quote("Display " + id) + ",\"description\":\"A model\",\"inputTokenLimit\":1048576,"
                        + "\"outputTokenLimit\":8192,\"supportedGenerationMethods\":[\"generateContent\",\"countTokens\"]}")
                .collect(Collectors.joining(","));
        String next = to < ids.size() ? ",\"nextPageToken\":" + quote(String.valueOf(to)) : "";
        return "{\"models\":[" + models + "]" + next + "}";
    }

    private static String exhausted(String quotaId, Integer retrySeconds) {
        String retryInfo = retrySeconds == null ? ""
                : ",{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + retrySeconds + "s\"}";
        return status(429, EXHAUSTED_TEXT, "RESOURCE_EXHAUSTED",
                "{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaMetric\":"
                        + "\"generativelanguage.googleapis.com/generate_content_free_tier_requests\",\"quotaId\":"
                        + quote(quotaId) + "}]}" + retryInfo);
    }

    private static String status(int code, String message, String status, String details) {
        return "{\"error\":{\"code\":" + code + ",\"message\":" + quote(message) + ",\"status\":" + quote(status)
                + (details.isEmpty() ? "" : ",\"details\":[" + details + "]") + "}}";
    }
}
