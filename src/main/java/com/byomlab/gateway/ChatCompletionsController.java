package com.byomlab.gateway;

import com.byomlab.llm.ChatListener;
import com.byomlab.llm.ChatTurn;
import com.byomlab.vault.CallCredential;
import com.byomlab.vault.UsableCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /v1/chat/completions} in OpenAI's format, on the credential the caller's token is bound to. The
 * request's {@code model} may be any model of that credential's provider (without one, the credential's own model).
 */
@RestController
class ChatCompletionsController {

    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final GatewayCalls calls;

    ChatCompletionsController(GatewayCalls calls) {
        this.calls = calls;
    }

    @PostMapping("/v1/chat/completions")
    void complete(@AuthenticationPrincipal GatewayCaller caller, HttpServletRequest http, HttpServletResponse response)
            throws InterruptedException, IOException {
        CompletionRequest request = CompletionRequests.parse(body(http));
        CallCredential read = calls.credentialOf(caller);
        UsableCredential credential = read.describe();
        String model = request.model() != null ? request.model() : credential.modelName();
        if (model == null || model.isBlank()) {
            throw GatewayError.invalidRequest("model", "Name a model of your credential's provider ("
                    + credential.provider().id() + "); see GET /v1/models.");
        }
        calls.admit(caller);
        CompletionResponses answer = new CompletionResponses(model);
        if (!request.stream()) {
            ChatTurn turn = calls.complete(caller, read, model, request, ChatListener.NONE);
            GatewayJson.send(response, HttpServletResponse.SC_OK, answer.completion(turn)); // not through Spring MVC
            return;
        }
        stream(caller, read, model, request, new CompletionStream(response, answer, request.includeUsage()));
    }

    /**
     * Read here rather than bound with {@code @RequestBody}: Spring logs bound bodies at DEBUG, and prompts are the
     * user's data (and a careless client may put a secret in one).
     */
    private static String body(HttpServletRequest http) throws IOException {
        byte[] bytes = http.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new GatewayError(HttpStatus.PAYLOAD_TOO_LARGE, "invalid_request_error", "request_too_large", null,
                    "The request body is larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB.");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private void stream(GatewayCaller caller, CallCredential read, String model, CompletionRequest request,
                        CompletionStream stream) {
        try {
            stream.finish(calls.complete(caller, read, model, request, stream));
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
