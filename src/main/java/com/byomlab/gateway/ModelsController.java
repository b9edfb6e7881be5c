package com.byomlab.gateway;

import com.byomlab.llm.ModelInfo;
import com.byomlab.vault.CallCredential;
import com.byomlab.vault.UsableCredential;
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

import java.util.List;

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
    ResponseEntity<String> list(@AuthenticationPrincipal GatewayCaller caller) {
        CallCredential credential = calls.credentialOf(caller);
        calls.admit(caller);
        ObjectNode root = GatewayJson.object().put("object", "list");
        ArrayNode data = root.putArray("data");
        calls.models(credential).forEach(m -> data.add(model(m, credential.describe())));
        return json(GatewayJson.write(root));
    }

    @GetMapping("/v1/models/{id}")
    ResponseEntity<String> one(@AuthenticationPrincipal GatewayCaller caller, @PathVariable String id) {
        GatewayError.checkedModel(id);
        CallCredential credential = calls.credentialOf(caller);
        calls.admit(caller);
        List<ModelInfo> models = calls.models(credential);
        return models.stream().filter(m -> m.id().equals(id)).findFirst()
                .map(m -> json(GatewayJson.write(model(m, credential.describe()))))
                .orElseThrow(() -> new GatewayError(HttpStatus.NOT_FOUND, "invalid_request_error", "model_not_found",
                        "model", "The model '" + id + "' is not available to this token's credential."));
    }

    @RequestMapping("/v1/**")
    ResponseEntity<String> unknownPath() {
        throw new GatewayError(HttpStatus.NOT_FOUND, "invalid_request_error", "unknown_url", null,
                "Invalid URL: the gateway serves POST /v1/chat/completions and GET /v1/models.");
    }

    private static ObjectNode model(ModelInfo m, UsableCredential credential) {
        return GatewayJson.object().put("id", m.id()).put("object", "model").put("created", 0)
                .put("owned_by", credential.provider().id());
    }

    private static ResponseEntity<String> json(String body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
