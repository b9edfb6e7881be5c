package com.byomlab.gateway;

import com.byomlab.calls.CallListener;
import com.byomlab.calls.CallRoute;
import com.byomlab.calls.MeteredTurn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v1/chat/completions} in OpenAI's format, on the credential the caller's token is bound to. The
 * request's {@code model} may be any model of that credential's provider (without one, the credential's own model).
 * With a fallback order the answer may come from another credential: its {@code model} is the model that ran, and
 * {@link FallbackHeaders} say which credential that was.
 */
@RestController
class ChatCompletionsController {

    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final GatewayCalls calls;

    ChatCompletionsController(GatewayCalls calls) {
        this.calls = calls;
    }

    @PostMapping("/v1/chat/completions")
    @Operation(summary = "Chat completion (OpenAI Chat Completions)", tags = "Gateway",
            description = "Runs on the credential the token is bound to (or its fallback order); metered, capped and "
                    + "audited like a Lab call. With \"stream\": true the answer is server-sent events of "
                    + "chat.completion.chunk objects ending with 'data: [DONE]'.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = GatewaySchemas.ChatCompletionRequest.class),
                    examples = @ExampleObject(name = "simple", value = """
                            {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Say hello"}]}"""))),
            responses = @ApiResponse(responseCode = "200", description = "The answer", content = {
                    @Content(mediaType = "application/json",
                            schema = @Schema(implementation = GatewaySchemas.ChatCompletion.class)),
                    @Content(mediaType = "text/event-stream",
                            schema = @Schema(implementation = GatewaySchemas.ChatCompletionChunk.class))}))
    void complete(@AuthenticationPrincipal GatewayCaller caller, HttpServletRequest http, HttpServletResponse response)
            throws InterruptedException, IOException {
        CompletionRequest request = CompletionRequests.parse(body(http));
        CallRoute route = calls.route(caller, request.model());
        Map<String, String> ourLimit = new LinkedHashMap<>();
        if (!request.stream()) {
            MeteredTurn metered = calls.complete(caller, route, request, CallListener.NONE, ourLimit);
            ourLimit.forEach(response::setHeader);
            CallRoute ran = metered.route(); // the model field names the model that ran
            FallbackHeaders.write(response, route, ran, metered.fallbacks());
            EventBuffer json = new EventBuffer();
            new CompletionResponses(ran.model()).completion(json, metered.turn());
            GatewayJson.send(response, HttpServletResponse.SC_OK, json); // not through Spring MVC
            return;
        }
        stream(caller, route, request, new CompletionStream(response, route, request.includeUsage(), ourLimit),
                ourLimit);
    }

    /**
     * Read here rather than bound with {@code @RequestBody}: Spring logs bound bodies at DEBUG, and prompts are the
     * user's data (and a careless client may put a secret in one).
     */
    static String body(HttpServletRequest http) throws IOException {
        return new String(bodyBytes(http), StandardCharsets.UTF_8);
    }

    /** The body as sent, for a pass-through that forwards it unchanged. */
    static byte[] bodyBytes(HttpServletRequest http) throws IOException {
        long declared = http.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        InputStream in = http.getInputStream();
        if (declared >= 0) {
            // one array of the declared size: readNBytes(max) reads in 8 KB chunks and copies them into a third array
            byte[] bytes = new byte[(int) declared];
            int read = in.readNBytes(bytes, 0, bytes.length);
            return read == bytes.length ? bytes : Arrays.copyOf(bytes, read);
        }
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1); // chunked: as long as it is, within the cap
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    private static GatewayError tooLarge() {
        return new GatewayError(HttpStatus.PAYLOAD_TOO_LARGE, "invalid_request_error", "request_too_large", null,
                "The request body is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB.");
    }

    private void stream(GatewayCaller caller, CallRoute route, CompletionRequest request, CompletionStream stream,
                        Map<String, String> ourLimit) {
        try {
            stream.finish(calls.complete(caller, route, request, stream, ourLimit).turn());
        } catch (InterruptedException e) {
            if (stream.brokenBy() != null) {
                stream.fail(UpstreamErrors.of(stream.brokenBy()));
            }
            // else the client went away: nobody to tell
        } catch (GatewayError e) {
            if (!stream.started()) {
                throw e; // nothing sent yet: a plain error response with its status
            }
            stream.fail(e);
        } finally {
            Thread.interrupted(); // the interrupt was ours; the container's thread goes back clean
        }
    }
}
