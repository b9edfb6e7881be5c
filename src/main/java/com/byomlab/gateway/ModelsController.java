package com.byomlab.gateway;

import com.byomlab.llm.ModelInfo;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/models} (and {@code /v1/models/{id}}): the models the token's credential can use, asked live from
 * its provider, in OpenAI's list shape. Any other {@code /v1} path answers OpenAI's "invalid URL" 404.
 */
@RestController
class ModelsController {

    private final GatewayCalls calls;

    ModelsController(GatewayCalls calls) {
        this.calls = calls;
    }

    @GetMapping("/v1/models")
    @Operation(summary = "The models the token's credential can use", tags = "Gateway",
            description = "Asked live from the provider.", responses = @ApiResponse(responseCode = "200",
            description = "OpenAI's list shape", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = GatewaySchemas.ModelList.class))))
    ResponseEntity<String> list(@AuthenticationPrincipal GatewayCaller caller) throws InterruptedException {
        ObjectNode root = GatewayJson.object().put("object", "list");
        ArrayNode data = root.putArray("data");
        Map<String, String> ourLimit = new LinkedHashMap<>();
        GatewayCalls.Listing listing = calls.models(caller, ourLimit);
        listing.models().forEach(m -> data.add(model(m, listing.ownedBy())));
        return json(GatewayJson.write(root), ourLimit);
    }

    @GetMapping("/v1/models/{id}")
    @Operation(summary = "One model of the token's credential", tags = "Gateway", responses = @ApiResponse(
            responseCode = "200", description = "OpenAI's model object", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = GatewaySchemas.Model.class))))
    ResponseEntity<String> one(@AuthenticationPrincipal GatewayCaller caller, @PathVariable String id)
            throws InterruptedException {
        GatewayError.checkedModel(id);
        Map<String, String> ourLimit = new LinkedHashMap<>();
        GatewayCalls.Listing listing = calls.models(caller, ourLimit);
        return listing.models().stream().filter(m -> m.id().equals(id)).findFirst()
                .map(m -> json(GatewayJson.write(model(m, listing.ownedBy())), ourLimit))
                .orElseThrow(() -> new GatewayError(HttpStatus.NOT_FOUND, "invalid_request_error", "model_not_found",
                        "model", "The model '" + id + "' is not available to this token's credential."));
    }

    @Hidden // not an operation: every other /v1 path, answered with OpenAI's "invalid URL" 404
    @RequestMapping("/v1/**")
    ResponseEntity<String> unknownPath() {
        throw new GatewayError(HttpStatus.NOT_FOUND, "invalid_request_error", "unknown_url", null,
                "Invalid URL: the gateway serves POST /v1/chat/completions, POST /v1/messages and GET /v1/models.");
    }

    /**
     * OpenAI's model object. {@code created} is the provider's creation time in Unix seconds where it reports one
     * (OpenAI, OpenAI-compatible servers that do, Anthropic, Azure); 0 where it does not (Gemini): the field stays
     * the integer OpenAI's schema requires, and 0 reads as "not known" rather than as a date.
     */
    private static ObjectNode model(ModelInfo m, String ownedBy) {
        return GatewayJson.object().put("id", m.id()).put("object", "model")
                .put("created", m.createdAt() == null ? 0 : m.createdAt().getEpochSecond())
                .put("owned_by", ownedBy);
    }

    private static ResponseEntity<String> json(String body, Map<String, String> ourLimit) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        ourLimit.forEach((name, value) -> ok.header(name, value));
        return ok.contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
