package com.byomlab.gateway;

import com.byomlab.calls.CallRoute;
import com.byomlab.calls.MeteredTurn;
import com.byomlab.llm.EmbeddingAnswer;
import com.byomlab.llm.TokenCounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/embeddings} in OpenAI's format, on the credential the caller's token is bound to, when its provider
 * has embeddings (its profile says; others get a 400 that says which do). Checked, rate limited, capped, audited and
 * metered like a chat call (input tokens, priced from the price table), on that credential only: a fallback order is
 * not followed, since another model's vectors would not be comparable with the ones a client already stored.
 *
 * <p>Vectors come from upstream as floats; {@code encoding_format: base64} (what the official {@code openai} SDKs
 * ask for by default) is the little-endian float32 bytes, base64-encoded, as OpenAI sends them. {@code usage} is what
 * the provider reported; it is left out where the provider reports none (Gemini).
 */
@RestController
class EmbeddingsController {

    private final GatewayCalls calls;

    EmbeddingsController(GatewayCalls calls) {
        this.calls = calls;
    }

    @PostMapping("/v1/embeddings")
    void embed(@AuthenticationPrincipal GatewayCaller caller, HttpServletRequest http, HttpServletResponse response)
            throws InterruptedException, IOException {
        EmbeddingRequests.EmbeddingRequest request = EmbeddingRequests.parse(body(http));
        CallRoute route = calls.route(caller, request.model());
        route.provider().profile().embeddingsUnavailable().ifPresent(reason -> {
            throw new GatewayError(HttpStatus.BAD_REQUEST, "invalid_request_error", "embeddings_not_supported",
                    "model", reason).noRetry();
        });
        Map<String, String> ourLimit = new LinkedHashMap<>();
        MeteredTurn metered = calls.embed(caller, route, request.inputs(), request.dimensions(), ourLimit);
        ourLimit.forEach(response::setHeader);
        GatewayJson.send(response, HttpServletResponse.SC_OK,
                answer(metered.embedding(), metered.route().model(), request.base64()));
    }

    static String answer(EmbeddingAnswer answer, String model, boolean base64) {
        ObjectNode root = GatewayJson.object().put("object", "list");
        ArrayNode data = root.putArray("data");
        List<float[]> vectors = answer.vectors();
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            float[] vector = vectors.get(i);
            if (base64) {
                ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : vector) {
                    bytes.putFloat(v);
                }
                item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vector) {
                    values.add(v);
                }
            }
        }
        root.put("model", model);
        TokenCounts usage = answer.usage();
        if (usage != null && usage.reported() && usage.input() != null) {
            root.putObject("usage").put("prompt_tokens", usage.input()).put("total_tokens", usage.input());
        }
        return GatewayJson.write(root);
    }

    /** Read here rather than bound with {@code @RequestBody}: Spring logs bound bodies at DEBUG. */
    private static String body(HttpServletRequest http) throws IOException {
        return ChatCompletionsController.body(http);
    }
}
