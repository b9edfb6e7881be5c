package com.byomlab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OpenAPI 3.1 description of the JSON API ({@code /api/v1}) at {@code /v3/api-docs}, with Swagger UI at
 * {@code /swagger-ui.html}. springdoc reads the controllers; this adds what it cannot see: the bearer login token,
 * and the problem-details refusals every operation can answer with their {@code code}s. The gateway ({@code /v1})
 * adds its own (gateway/GatewayApiDocs). Both routes are public: the description holds no secret and no data.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    static final String LOGIN_TOKEN = "loginToken";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";
    /** Swagger UI's own page: its scripts and styles come from this origin; nothing else may load or frame it. */
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    static {
        // resolved from the login token, not sent by the client
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CurrentUser.class);
    }

    /**
     * Schemas with the names the API writes: Spring's JSON is snake_case (spring.jackson.property-naming-strategy),
     * which swagger-core's own (Jackson 2) introspection does not know of. A nested type's schema is named after its
     * enclosing types too: SessionRequests.Create and CredentialRequests.Create would otherwise share one schema.
     */
    @Bean
    ModelResolver snakeCaseSchemas() {
        ObjectMapper mapper = Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return new ModelResolver(mapper, new NestedTypeNames()).openapi31(true);
    }

    private static final class NestedTypeNames extends TypeNameResolver {

        @Override
        protected String getNameOfClass(Class<?> cls) {
            Class<?> outer = cls.getEnclosingClass();
            return outer == null ? cls.getSimpleName() : getNameOfClass(outer) + cls.getSimpleName();
        }
    }

    @Bean
    OpenAPI byomOpenApi() {
        return new OpenAPI()
                .info(new Info().title("BYOM Lab API").version("v1")
                        .description("""
                                Bring your own model: LLM provider keys stored encrypted and shown only masked, metered \
                                agent sessions in the Lab, and an OpenAI-compatible gateway.

                                **/api/v1** takes a login token: `POST /api/v1/login/access-token` (form fields \
                                `username`, `password`), then `Authorization: Bearer <access_token>`. Refusals are \
                                RFC 9457 problem details (`application/problem+json`) with a stable `code` to switch on.

                                **/v1** (the gateway) takes a personal access token (`byom_pat_…`, made with \
                                `POST /api/v1/users/me/tokens`) and answers refusals in OpenAI's error format.""")
                        .license(new License().name("Proprietary")))
                .components(new Components().addSecuritySchemes(LOGIN_TOKEN, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("The access_token of POST /api/v1/login/access-token; valid for "
                                + "byom.auth.token-ttl (1 hour by default).")));
    }

    /** Security, and the problem responses with their codes, on every /api/v1 operation. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            Components components = openApi.getComponents();
            ModelConverters.getInstance(true).readAll(new AnnotatedType(ProblemBody.class))
                    .forEach(components::addSchemas);
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/api/v1/")) {
                    return;
                }
                item.readOperationsMap().forEach((method, operation) -> document(path, method, operation));
            });
        };
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        boolean open = PUBLIC.contains(path);
        operation.setSecurity(open ? List.of() : List.of(new SecurityRequirement().addList(LOGIN_TOKEN)));
        Map<String, List<String>> codes = new TreeMap<>();
        codes.put("400", List.of("validation_failed", "malformed_request", "missing_parameter", "invalid_parameter",
                "invalid_text"));
        if (!open) {
            codes.put("401", List.of("unauthorized", "token_expired", "account_gone"));
        }
        if (path.startsWith("/api/v1/admin/")) {
            codes.put("403", List.of("forbidden"));
        }
        if (path.contains("{")) {
            codes.put("404", List.of("not_found"));
        }
        if (operation.getRequestBody() != null || method == PathItem.HttpMethod.POST
                || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) {
            codes.put("413", List.of("payload_too_large"));
        }
        codes.put("429", List.of("rate_limited"));
        codes.put("500", List.of("internal_error"));
        codes.put("503", List.of("database_unavailable"));
        SPECIFIC.getOrDefault(method.name() + " " + path, Map.of()).forEach((status, more) -> codes.merge(status, more,
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).distinct().toList()));
        String example = REQUEST_EXAMPLES.get(method.name() + " " + path);
        if (example != null && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            MediaType json = operation.getRequestBody().getContent().get("application/json");
            if (json != null && json.getExample() == null && json.getExamples() == null) {
                json.setExample(EXAMPLE_READER.readValue(example, Map.class));
            }
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        codes.forEach((status, list) -> {
            if (responses.containsKey(status) && responses.get(status).getContent() != null) {
                return; // documented by the controller itself
            }
            responses.addApiResponse(status, problemResponse(Integer.parseInt(status), list));
        });
        operation.setResponses(responses);
    }

    private static ApiResponse problemResponse(int status, List<String> codes) {
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM));
        Map<String, Example> examples = new LinkedHashMap<>();
        for (String code : codes) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", "about:blank");
            value.put("title", org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase());
            value.put("status", status);
            value.put("detail", "What was wrong and how to fix it, in words for people.");
            value.put("code", code);
            examples.put(code, new Example().summary(code).value(value));
        }
        media.setExamples(examples);
        return new ApiResponse().description("Refused; `code` is one of: " + String.join(", ", codes) + ".")
                .content(new Content().addMediaType(PROBLEM_JSON, media));
    }

    /**
     * Swagger UI and the description: public, stateless, read-only; a CSP that lets Swagger UI's own scripts and
     * styles run and nothing from elsewhere. Ahead of the API chain, whose CSP allows nothing at all.
     */
    @Bean
    @Order(5)
    SecurityFilterChain apiDocsChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
                        "/swagger-ui/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .headers(h -> h.contentTypeOptions(c -> { }).frameOptions(f -> f.deny())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    private static final tools.jackson.databind.json.JsonMapper EXAMPLE_READER =
            tools.jackson.databind.json.JsonMapper.builder().build();

    /** Request examples of the main operations (keyed "METHOD path"), in the API's own field names. */
    private static final Map<String, String> REQUEST_EXAMPLES = Map.of(
            "POST /api/v1/users/signup", """
                    {"email": "ada@example.com", "password": "correct-horse-battery", "full_name": "Ada"}""",
            "POST /api/v1/users/me/llm-credentials", """
                    {"provider": "openai", "api_key": "sk-...", "model_name": "gpt-4o-mini", "label": "work",
                     "is_default": true}""",
            "POST /api/v1/users/me/llm-credentials/validate", """
                    {"provider": "anthropic", "api_key": "sk-ant-..."}""",
            "PATCH /api/v1/users/me/llm-credentials/{id}", """
                    {"model_name": "gpt-4o", "label": "work, bigger model"}""",
            "POST /api/v1/lab/agent/sessions", """
                    {"user_goal": "Compare BTC and SOL volatility over the last 90 days",
                     "llm_credential_id": "6f1c2a9e-4b7d-4e43-9a51-0c2f8d3b7e10", "llm_model": "gpt-4o-mini"}""",
            "POST /api/v1/lab/agent/sessions/estimate", """
                    {"user_goal": "Compare BTC and SOL volatility over the last 90 days", "use_system_default": true}""",
            "PUT /api/v1/users/me/llm-fallback", """
                    {"credential_ids": ["6f1c2a9e-4b7d-4e43-9a51-0c2f8d3b7e10", "0b5e7f3d-1c2a-4d8e-9f60-7a1b2c3d4e5f"],
                     "use_system_default": false}""",
            "POST /api/v1/users/me/tokens", """
                    {"name": "my laptop", "credential_id": "6f1c2a9e-4b7d-4e43-9a51-0c2f8d3b7e10", "expires_in_days": 90}""",
            "PUT /api/v1/users/me/budget", """
                    {"session_alert_usd": 5, "session_cap_usd": 20, "monthly_cap_usd": 100}""");

    private static final java.util.Set<String> PUBLIC = java.util.Set.of("/api/v1/users/signup",
            "/api/v1/login/access-token");

    /** Codes particular to an operation, beside the ones every operation can answer (keyed "METHOD path"). */
    private static final Map<String, Map<String, List<String>>> SPECIFIC = Map.ofEntries(
            Map.entry("POST /api/v1/users/signup", Map.of("400", List.of("password_too_long"),
                    "409", List.of("email_taken"))),
            Map.entry("POST /api/v1/login/access-token", Map.of("401", List.of("bad_credentials", "account_gone"))),
            Map.entry("POST /api/v1/users/me/llm-credentials", providerCodes()),
            Map.entry("POST /api/v1/users/me/llm-credentials/validate", providerCodes()),
            Map.entry("PATCH /api/v1/users/me/llm-credentials/{id}", merge(providerCodes(),
                    Map.of("409", List.of("concurrent_change", "credential_unreadable"),
                            "422", List.of("api_key_required")))),
            Map.entry("DELETE /api/v1/users/me/llm-credentials/{id}", Map.of("409", List.of("concurrent_change"))),
            Map.entry("PUT /api/v1/users/me/llm-credentials/{id}/default", Map.of("409",
                    List.of("concurrent_change"))),
            Map.entry("GET /api/v1/users/me/llm-credentials/{id}/models", merge(providerCodes(),
                    Map.of("409", List.of("credential_unreadable")))),
            Map.entry("PUT /api/v1/users/me/llm-fallback", Map.of("422", List.of("invalid_fallback_order",
                    "system_default_fallback_not_allowed"))),
            Map.entry("POST /api/v1/users/me/tokens", Map.of("409", List.of("too_many_tokens"),
                    "422", List.of("invalid_fallback_order", "system_default_fallback_not_allowed"))),
            Map.entry("POST /api/v1/lab/agent/sessions", Map.of("400", List.of("invalid_model_id"),
                    "404", List.of("not_found"), "409", List.of("byom_disabled", "credential_unreadable"),
                    "422", List.of("model_required", "unknown_model", "invalid_fallback_order",
                            "system_default_fallback_not_allowed"))),
            Map.entry("POST /api/v1/lab/agent/sessions/{id}/cancel", Map.of("409", List.of("session_finished"))),
            Map.entry("GET /api/v1/market/prices", Map.of("400", List.of("invalid_symbol", "invalid_date_range"),
                    "404", List.of("unknown_symbol"))),
            Map.entry("POST /api/v1/market/prices/import", Map.of("403", List.of("forbidden"),
                    "415", List.of("unsupported_media_type"), "422", List.of("invalid_csv", "invalid_csv_rows"))),
            Map.entry("GET /api/v1/admin/market", Map.of("403", List.of("forbidden"))));

    /** A provider's answer to a live check of a key (vault/ProviderProblems). */
    private static Map<String, List<String>> providerCodes() {
        return Map.of("400", List.of("invalid_key_format", "region_not_allowed"),
                "422", List.of("invalid_key", "insufficient_quota", "unknown_model", "bad_base_url",
                        "unsupported_provider"),
                "502", List.of("rate_limited", "provider_unavailable", "network"),
                "504", List.of("timeout"));
    }

    private static Map<String, List<String>> merge(Map<String, List<String>> a, Map<String, List<String>> b) {
        Map<String, List<String>> all = new TreeMap<>(a);
        b.forEach((status, codes) -> all.merge(status, codes,
                (x, y) -> java.util.stream.Stream.concat(x.stream(), y.stream()).distinct().toList()));
        return all;
    }

    /** RFC 9457 problem details as this API writes them (ProblemHandler); for the description only. */
    @io.swagger.v3.oas.annotations.media.Schema(name = PROBLEM, description = "RFC 9457 problem details. Switch on "
            + "`code`; `detail` is for people. Some refusals add members (e.g. `hint`, `docs_url`, `limit`, "
            + "`retry_after_seconds`).")
    record ProblemBody(
            @io.swagger.v3.oas.annotations.media.Schema(example = "about:blank") String type,
            @io.swagger.v3.oas.annotations.media.Schema(example = "Bad Request") String title,
            @io.swagger.v3.oas.annotations.media.Schema(example = "400") int status,
            @io.swagger.v3.oas.annotations.media.Schema(example = "Fix these fields and retry — email: must be a "
                    + "well-formed email address.") String detail,
            String instance,
            @io.swagger.v3.oas.annotations.media.Schema(requiredMode =
                    io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED, example = "validation_failed")
            String code,
            @io.swagger.v3.oas.annotations.media.Schema(description = "With validation_failed: what is wrong with "
                    + "each field or parameter, by name.") Map<String, String> fields) {
    }
}
