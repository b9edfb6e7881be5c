package com.byomlab.gateway;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway's part of the OpenAPI description: its token scheme (a personal access token, not a login token) and
 * the refusals every {@code /v1} operation can answer, in OpenAI's error format with their {@code code}s. The bodies
 * of each operation are on the controllers (GatewaySchemas).
 */
@Configuration(proxyBeanMethods = false)
class GatewayApiDocs {

    static final String GATEWAY_TOKEN = "gatewayToken";
    private static final String ERROR = "GatewayError";

    static {
        // resolved from the token by GatewaySecurity, not sent as a parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(GatewayCaller.class);
    }

    @Bean
    OpenApiCustomizer gatewayDocs() {
        return openApi -> {
            Components components = openApi.getComponents();
            components.addSecuritySchemes(GATEWAY_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("byom_pat_…")
                    .description("A personal access token (POST /api/v1/users/me/tokens), as the OpenAI SDKs send "
                            + "their API key: base URL <this service>/v1, api_key byom_pat_…"));
            ModelConverters.getInstance(true).readAll(new AnnotatedType(GatewaySchemas.Error.class))
                    .forEach(components::addSchemas);
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (path.startsWith("/v1/")) {
                    item.readOperations().forEach(GatewayApiDocs::document);
                }
            });
        };
    }

    private static void document(Operation operation) {
        operation.setSecurity(List.of(new SecurityRequirement().addList(GATEWAY_TOKEN)));
        Map<String, List<String>> codes = new TreeMap<>();
        codes.put("400", List.of("invalid_model_id", "unsupported_parameter"));
        codes.put("401", List.of("invalid_api_key", "account_gone"));
        codes.put("403", List.of("credential_unavailable"));
        codes.put("404", List.of("model_not_found", "unknown_url"));
        codes.put("413", List.of("request_too_large"));
        codes.put("429", List.of("rate_limit_exceeded", "cost_limit_reached", "insufficient_quota"));
        codes.put("500", List.of("internal_error"));
        codes.put("502", List.of("invalid_key", "bad_base_url", "provider_unavailable", "network"));
        codes.put("504", List.of("timeout"));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        codes.forEach((status, list) -> {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(status, errorResponse(list));
            }
        });
        operation.setResponses(responses);
    }

    private static ApiResponse errorResponse(List<String> codes) {
        MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR));
        Map<String, Example> examples = new LinkedHashMap<>();
        for (String code : codes) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("message", "What was wrong and how to fix it, in words for people.");
            error.put("type", "invalid_request_error");
            error.put("param", null);
            error.put("code", code);
            examples.put(code, new Example().summary(code).value(Map.of("error", error)));
        }
        media.setExamples(examples);
        return new ApiResponse().description("Refused, in OpenAI's error format; `error.code` is one of: "
                + String.join(", ", codes) + ".").content(new Content().addMediaType("application/json", media));
    }
}
