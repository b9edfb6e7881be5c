package com.byomlab.testsupport.fakes;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;

/**
 * Fake Azure OpenAI resource (data plane): model listing and chat completions on deployments, answers from
 * {@link #chat()}. Shapes from the REST reference "Models - List"
 * (https://learn.microsoft.com/en-us/rest/api/azureopenai/models/list, api-version 2024-10-21):
 * {@code GET {endpoint}/openai/models?api-version=...} with an {@code api-key} header, answering
 * {@code {"data":[{"id","status","capabilities","lifecycle_status",...}]}}; errors are ErrorResponse
 * {@code {"error":{"code","message"}}}. The 401 text is the one Azure returns for a wrong key. A missing
 * api-version is refused (404, as Azure does for unknown routes). Azure documents no separate
 * out-of-credit code on the data plane; QUOTA_EXHAUSTED here answers 429 with code "insufficient_quota",
 * the OpenAI-style code Azure mirrors. Retry-After is sent on 429 as Azure does.
 */
public final class FakeAzureOpenAi extends FakeProviderServer {

    static final String INVALID_KEY_TEXT = "Access denied due to invalid subscription key or wrong API endpoint. "
            + "Make sure to provide a valid key for an active subscription and use a correct regional API endpoint "
            + "for your resource.";
    static final String RATE_LIMIT_TEXT = "Requests to the Models_List Operation under Azure OpenAI API version "
            + "2024-10-21 have exceeded call rate limit of your current OpenAI S0 pricing tier.";
    static final String QUOTA_TEXT = "You exceeded your current quota, please check your plan and billing details.";
    static final String SERVER_ERROR_TEXT = "The server had an error while processing your request.";

    private static final java.util.regex.Pattern CHAT_PATH =
            java.util.regex.Pattern.compile("/openai/deployments/([^/]+)/chat/completions");
    private static final java.util.regex.Pattern EMBEDDINGS_PATH =
            java.util.regex.Pattern.compile("/openai/deployments/([^/]+)/embeddings");

    private final String expectedApiVersion;
    private volatile List<String> deployments = List.of("gpt-4o", "gpt-4o-mini");

    private FakeAzureOpenAi(String expectedKey, String expectedApiVersion) {
        super(expectedKey, List.of("gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18"));
        this.expectedApiVersion = expectedApiVersion;
    }

    public static FakeAzureOpenAi start(String expectedKey) {
        return new FakeAzureOpenAi(expectedKey, "2024-10-21");
    }

    public static FakeAzureOpenAi start(String expectedKey, String expectedApiVersion) {
        return new FakeAzureOpenAi(expectedKey, expectedApiVersion);
    }

    /** The resource endpoint, e.g. what https://my-resource.openai.azure.com is in production. */
    @Override
    public String baseUrl() {
        return origin();
    }

    @Override
    public List<String> rawErrorTexts() {
        return List.of(INVALID_KEY_TEXT, RATE_LIMIT_TEXT, QUOTA_TEXT, SERVER_ERROR_TEXT);
    }

    /** The deployment names chat calls may use (default "gpt-4o", "gpt-4o-mini"). */
    public FakeAzureOpenAi deployments(String... names) {
        this.deployments = List.of(names);
        return this;
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        if (!keyMatches(request.header("api-key").orElse(null))) {
            sendJson(exchange, 401, error("401", INVALID_KEY_TEXT), Map.of());
            return;
        }
        boolean versionOk = expectedApiVersion.equals(queryParams(request).get("api-version"));
        java.util.regex.Matcher chat = CHAT_PATH.matcher(request.path());
        if (request.method().equals("POST") && chat.matches() && versionOk) {
            answerChat(exchange, request, chat.group(1));
            return;
        }
        java.util.regex.Matcher embeddings = EMBEDDINGS_PATH.matcher(request.path());
        if (request.method().equals("POST") && embeddings.matches() && versionOk) {
            // "Embeddings - Create": OpenAI's body and answer on a deployment, which picks the model
            EmbeddingScript.Seen seen = EmbeddingWire.parseOpenAi(request, request.header("api-key").orElse(null),
                    embeddings.group(1));
            answerEmbeddings(exchange, seen, reply -> EmbeddingWire.openAi(reply, seen));
            return;
        }
        if (!(request.method().equals("GET") && request.path().equals("/openai/models") && versionOk)) {
            sendJson(exchange, 404, error("404", "Resource not found"), Map.of());
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
     * Chat completions on a deployment (REST reference "Chat completions - Create",
     * https://learn.microsoft.com/en-us/azure/ai-services/openai/reference#chat-completions): OpenAI's body and
     * answer shapes ({@link OpenAiChatWire}); the deployment in the path picks the model, an unknown one is
     * 404 DeploymentNotFound.
     */
    private void answerChat(HttpExchange exchange, RecordedRequest request, String deployment) throws IOException {
        ChatRequestSeen parsed = OpenAiChatWire.parse(request, request.header("api-key").orElse(null));
        ChatRequestSeen seen = new ChatRequestSeen(deployment, parsed.authKey(), parsed.stream(),
                parsed.usageRequested(), parsed.system(), parsed.toolNames(), parsed.messages(), request);
        if (!deployments.contains(deployment)) {
            chat().recordOnly(seen);
            sendJson(exchange, 404, error("DeploymentNotFound", "The API deployment for this resource does not exist."),
                    Map.of());
            return;
        }
        answerChat(exchange, seen, new ChatRenderer() {
            @Override
            public String json(ChatReply reply) {
                return OpenAiChatWire.json(reply, deployment);
            }

            @Override
            public void stream(ChatReply reply, SseStream sse) throws IOException {
                OpenAiChatWire.stream(reply, sse, deployment, seen.usageRequested());
            }
        });
    }

    @Override
    protected void sendFailure(HttpExchange exchange, Scenario scenario) throws IOException {
        switch (scenario.kind()) {
            case RATE_LIMITED -> sendJson(exchange, 429, error("429", RATE_LIMIT_TEXT), retryAfter(scenario));
            case QUOTA_EXHAUSTED -> sendJson(exchange, 429, error("insufficient_quota", QUOTA_TEXT), Map.of());
            case SERVER_ERROR -> sendJson(exchange, scenario.status(), error("InternalServerError", SERVER_ERROR_TEXT),
                    Map.of());
            case OVERLOADED -> sendJson(exchange, 503, error("ServiceUnavailable", SERVER_ERROR_TEXT), Map.of());
            default -> throw new IllegalStateException("unhandled scenario " + scenario);
        }
    }

    private String modelList() {
        String data = modelIds().stream()
                .map(id -> "{\"status\":\"succeeded\",\"capabilities\":{\"fine_tune\":false,\"inference\":true,"
                        + "\"completion\":false,\"chat_completion\":true,\"embeddings\":false},"
                        + "\"lifecycle_status\":\"generally-available\",\"deprecation\":{\"inference\":1767225600},"
                        + "\"id\":" + quote(id) + ",\"created_at\":1723075200,\"object\":\"model\"}")
                .collect(Collectors.joining(","));
        return "{\"data\":[" + data + "],\"object\":\"list\"}";
    }

    private static String error(String code, String message) {
        return "{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}}";
    }
}
