package com.byomlab.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Demo mode's simulated provider: OpenAI Chat Completions (JSON and SSE streaming with tool-call
 * deltas and a final usage chunk) at /demo-llm/v1, answered by {@link SimulatedAnalyst}. The service
 * reaches it as the system default, over real HTTP, through the same client as a real provider.
 */
@RestController
@RequestMapping("/demo-llm/v1")
@ConditionalOnBooleanProperty("byom.demo")
class SimulatedOpenAiController {

    static final String MODEL = "byom-simulated-analyst";
    static final String KEY = "demo-simulated-key";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @GetMapping("/models")
    ResponseEntity<?> models(@RequestHeader(name = "Authorization", required = false) String auth) {
        if (!authorised(auth)) {
            return unauthorised();
        }
        return ResponseEntity.ok(Map.of("object", "list", "data", List.of(Map.of("id", MODEL, "object", "model",
                "created", 1764547200, "owned_by", "byom-lab-demo"))));
    }

    /** Always a streaming body (JSON is written the same way), so Spring MVC sees one return type. */
    @PostMapping("/chat/completions")
    ResponseEntity<StreamingResponseBody> chat(@RequestHeader(name = "Authorization", required = false) String auth,
                           @RequestBody JsonNode request) {
        if (!authorised(auth)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.APPLICATION_JSON)
                    .body(out -> out.write(JSON.writeValueAsBytes(INVALID_KEY)));
        }
        SimulatedAnalyst.Move move = SimulatedAnalyst.next(request.path("messages"));
        String id = "chatcmpl-sim-" + UUID.randomUUID();
        int promptTokens = request.path("messages").toString().length() / 4;
        int completionTokens = Math.max(1, (move.text() != null ? move.text().length() : move.arguments().length() + 20) / 4);
        ObjectNode usage = JSON.createObjectNode().put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens).put("total_tokens", promptTokens + completionTokens);
        if (!request.path("stream").asBoolean(false)) {
            ObjectNode message = JSON.createObjectNode().put("role", "assistant");
            if (move.text() != null) {
                message.put("content", move.text());
            } else {
                message.putNull("content");
                message.set("tool_calls", toolCalls(move, id, true));
            }
            ObjectNode body = envelope(id, "chat.completion", request);
            body.putArray("choices").addObject().put("index", 0).<ObjectNode>set("message", message)
                    .put("finish_reason", move.text() != null ? "stop" : "tool_calls");
            body.set("usage", usage);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                    .body(out -> out.write(JSON.writeValueAsBytes(body)));
        }
        StreamingResponseBody stream = out -> {
            StringBuilder sse = new StringBuilder();
            ObjectNode delta = JSON.createObjectNode().put("role", "assistant");
            if (move.text() != null) {
                delta.put("content", "");
                chunk(sse, id, request, delta, null);
                for (String piece : move.text().split("(?<=\\n)|(?<=\\. )")) {
                    chunk(sse, id, request, JSON.createObjectNode().put("content", piece), null);
                }
            } else {
                delta.set("tool_calls", toolCalls(move, id, false));
                chunk(sse, id, request, delta, null);
                ObjectNode args = JSON.createObjectNode();
                args.putArray("tool_calls").addObject().put("index", 0).putObject("function")
                        .put("arguments", move.arguments());
                chunk(sse, id, request, args, null);
            }
            chunk(sse, id, request, JSON.createObjectNode(), move.text() != null ? "stop" : "tool_calls");
            if (request.path("stream_options").path("include_usage").asBoolean(false)) {
                ObjectNode last = envelope(id, "chat.completion.chunk", request);
                last.putArray("choices");
                last.set("usage", usage);
                sse.append("data: ").append(JSON.writeValueAsString(last)).append("\n\n");
            }
            sse.append("data: [DONE]\n\n");
            out.write(sse.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        };
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(stream);
    }

    private static ArrayNode toolCalls(SimulatedAnalyst.Move move, String id, boolean withArguments) {
        ArrayNode calls = JSON.createArrayNode();
        ObjectNode call = calls.addObject();
        if (!withArguments) {
            call.put("index", 0);
        }
        call.put("id", "call_" + id.substring(id.length() - 12)).put("type", "function");
        call.putObject("function").put("name", move.toolName()).put("arguments", withArguments ? move.arguments() : "");
        return calls;
    }

    private static void chunk(StringBuilder sse, String id, JsonNode request, ObjectNode delta, String finishReason) {
        ObjectNode chunk = envelope(id, "chat.completion.chunk", request);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        sse.append("data: ").append(JSON.writeValueAsString(chunk)).append("\n\n");
    }

    private static ObjectNode envelope(String id, String object, JsonNode request) {
        return JSON.createObjectNode().put("id", id).put("object", object)
                .put("created", System.currentTimeMillis() / 1000).put("model", request.path("model").asText(MODEL));
    }

    private static boolean authorised(String header) {
        return ("Bearer " + KEY).equals(header);
    }

    private static ResponseEntity<?> unauthorised() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(INVALID_KEY);
    }

    private static final Map<String, Object> INVALID_KEY = Map.of("error", Map.of("message",
            "Incorrect API key provided.", "type", "invalid_request_error", "code", "invalid_api_key"));
}
