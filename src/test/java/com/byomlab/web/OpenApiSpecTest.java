package com.byomlab.web;

import com.byomlab.testsupport.ApiClient;
import com.byomlab.testsupport.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description at /v3/api-docs: every endpoint the controllers map is in it (found from Spring MVC's own
 * mappings, so an endpoint added later is checked without touching this test), it is a valid OpenAPI 3.1 document
 * (the OpenAPI Initiative's JSON Schema, OpenApiValidation), and it says how each operation is authenticated and
 * how it refuses.
 */
class OpenApiSpecTest extends ApiIntegrationTest {

    /**
     * Mappings that are not API operations, with why. Everything else a controller of com.byomlab maps must be in
     * the description; the HTML pages (package ui) are not API.
     */
    private static final Map<String, String> NOT_API = Map.of(
            "/error", "the container's error page (ProblemErrorController), reached by forwards, not by clients",
            "/v1/**", "the gateway's OpenAI-style 404 for every unknown /v1 path",
            "/demo-llm/v1/models", "demo mode's simulated provider, reached by the service itself",
            "/demo-llm/v1/chat/completions", "demo mode's simulated provider, reached by the service itself");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyControllerEndpointIsInTheDescription() {
        JsonNode paths = spec().path("paths");
        List<String> missing = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            String type = handler.getBeanType().getName();
            if (!type.startsWith("com.byomlab.") || type.startsWith("com.byomlab.ui.")) {
                return;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (NOT_API.containsKey(pattern)) {
                    continue;
                }
                String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}"); // {id:regex} → {id}
                JsonNode item = paths.path(path);
                if (methods.isEmpty()) {
                    checked.add("* " + path);
                    if (item.isMissingNode() || item.isEmpty()) {
                        missing.add("* " + path + " (" + handler + ")");
                    }
                }
                for (RequestMethod method : methods) {
                    checked.add(method + " " + path);
                    if (!item.path(method.name().toLowerCase()).isObject()) {
                        missing.add(method + " " + path + " (" + handler + ")");
                    }
                }
            }
        });
        assertThat(checked).as("the check found the API's endpoints").contains(
                "POST /api/v1/users/signup", "POST /api/v1/login/access-token", "GET /api/v1/admin/audit/verify",
                "POST /v1/chat/completions", "GET /v1/models", "GET /v1/models/{id}");
        assertThat(missing).as("endpoints missing from /v3/api-docs").isEmpty();
    }

    @Test
    void theDescriptionIsAValidOpenApi31Document() {
        ApiClient.Response r = api.get("/v3/api-docs", null);
        assertThat(r.status()).as("public, no token").isEqualTo(200);
        assertThat(r.json().path("openapi").asString()).startsWith("3.1.");
        writeForReaders(r.body());
        List<String> errors = OpenApiValidation.errors(r.body());
        assertThat(errors).as("OpenAPI 3.1 schema violations").isEmpty();
    }

    /** The validator is not a formality: a broken document and a broken Schema Object are both refused. */
    @Test
    void theValidatorRefusesABrokenDescription() {
        String spec = api.get("/v3/api-docs", null).body();
        assertThat(OpenApiValidation.errors(spec.replaceFirst("\"info\":", "\"inf\":"))).isNotEmpty();
        assertThat(OpenApiValidation.errors(spec.replaceFirst("\"type\":\"string\"", "\"type\":\"strnig\"")))
                .as("a Schema Object is checked against the 3.1 dialect").isNotEmpty();
    }

    @Test
    void eachOperationSaysHowItIsAuthenticatedAndHowItRefuses() {
        JsonNode spec = spec();
        JsonNode schemes = spec.path("components").path("securitySchemes");
        assertThat(schemes.path("loginToken").path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path("loginToken").path("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(schemes.path("gatewayToken").path("scheme").asString()).isEqualTo("bearer");
        JsonNode problem = spec.path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").has("code")).isTrue();
        assertThat(problem.path("required").toString()).contains("code");

        List<String> wrong = new ArrayList<>();
        spec.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String name = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode operation = op.getValue();
            String security = operation.path("security").toString();
            boolean open = Set.of("/api/v1/users/signup", "/api/v1/login/access-token").contains(path.getKey());
            String expected = path.getKey().startsWith("/v1/") ? "gatewayToken" : open ? null : "loginToken";
            boolean none = operation.path("security").isMissingNode() || operation.path("security").isEmpty();
            if (expected == null ? !none : !security.contains(expected)) {
                wrong.add(name + ": security " + security);
            }
            JsonNode responses = operation.path("responses");
            // /api/v1 refuses with problem details; the gateway in its wire format (OpenAI's, or a surface's own)
            boolean refusalDescribed = path.getKey().startsWith("/v1/")
                    ? responses.path("400").path("content").properties().stream()
                    .anyMatch(media -> media.getValue().path("schema").isObject())
                    : responses.path("400").path("content").path("application/problem+json").path("schema")
                    .path("$ref").asString().endsWith("/Problem");
            if (!refusalDescribed) {
                wrong.add(name + ": 400 answer " + responses.path("400"));
            }
            if (!responses.has("200") && !responses.has("201") && !responses.has("204")) {
                wrong.add(name + ": no success answer");
            }
        }));
        assertThat(wrong).isEmpty();

        // codes particular to an operation are listed with examples
        JsonNode fallback = spec.path("paths").path("/api/v1/users/me/llm-fallback").path("put").path("responses")
                .path("422").path("content").path("application/problem+json").path("examples");
        assertThat(fallback.has("invalid_fallback_order")).isTrue();
        assertThat(fallback.path("invalid_fallback_order").path("value").path("code").asString())
                .isEqualTo("invalid_fallback_order");
    }

    @Test
    void requestAndAnswerBodiesAreDescribedWithTheirWireNames() {
        JsonNode spec = spec();
        JsonNode createSession = spec.path("paths").path("/api/v1/lab/agent/sessions").path("post");
        String requestRef = createSession.path("requestBody").path("content").path("application/json").path("schema")
                .path("$ref").asString();
        assertThat(createSession.path("requestBody").path("content").path("application/json").path("example")
                .path("user_goal").asString()).as("an example request").isNotBlank();
        JsonNode request = schema(spec, requestRef);
        assertThat(request.path("properties").has("user_goal")).as(request.toString()).isTrue();
        assertThat(request.path("properties").has("userGoal")).isFalse();

        JsonNode chat = spec.path("paths").path("/v1/chat/completions").path("post");
        JsonNode chatRequest = schema(spec, chat.path("requestBody").path("content").path("application/json")
                .path("schema").path("$ref").asString());
        assertThat(chatRequest.path("properties").has("max_completion_tokens")).isTrue();
        assertThat(chat.path("responses").path("200").path("content").has("text/event-stream")).isTrue();
        JsonNode completion = schema(spec, chat.path("responses").path("200").path("content")
                .path("application/json").path("schema").path("$ref").asString());
        assertThat(completion.path("properties").has("choices")).isTrue();

        JsonNode verify = spec.path("paths").path("/api/v1/admin/audit/verify").path("get").path("responses")
                .path("200").path("content").path("application/json").path("schema");
        assertThat(schema(spec, verify.path("$ref").asString()).path("properties").has("first_break")).isTrue();
    }

    @Test
    void swaggerUiIsServedWithAPolicyThatLetsOnlyItsOwnScriptsRun() {
        ApiClient.Response redirect = api.get("/swagger-ui.html", null);
        assertThat(redirect.status()).isIn(200, 302);
        ApiClient.Response page = api.get("/swagger-ui/index.html", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        String csp = page.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(
                "Content-Security-Policy")).map(h -> String.join(",", h.getValue())).findFirst().orElse("");
        assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-eval");
        ApiClient.Response config = api.get("/v3/api-docs/swagger-config", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).contains("/v3/api-docs");
    }

    /** A copy in target/openapi/ for whoever wants to read or diff the description a build produced. */
    private static void writeForReaders(String document) {
        try {
            java.nio.file.Path file = java.nio.file.Path.of("target", "openapi", "api-docs.json");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, document);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode spec() {
        ApiClient.Response r = api.get("/v3/api-docs", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode schema(JsonNode spec, String ref) {
        assertThat(ref).startsWith("#/components/schemas/");
        return spec.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
    }
}
