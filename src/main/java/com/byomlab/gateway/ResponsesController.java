package com.byomlab.gateway;

import com.byomlab.calls.CallListener;
import com.byomlab.calls.CallRoute;
import com.byomlab.calls.Fallback;
import com.byomlab.calls.MeteredTurn;
import com.byomlab.calls.PassThroughListener;
import com.byomlab.llm.ChatOptions;
import com.byomlab.llm.NativeApis;
import com.byomlab.llm.PassThrough;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/responses}, OpenAI's Responses API (what Codex CLI speaks), on the credential the caller's token
 * is bound to, through the same metered pipeline as every gateway call. On a credential whose provider serves the
 * Responses API itself (OpenAI) the request passes through as the client wrote it, only the key swapped, and the
 * answer comes back as OpenAI wrote it (its state, {@code store} and {@code previous_response_id}, is OpenAI's, in
 * the user's own account). On every other credential it is translated to the neutral chat call
 * ({@link ResponseRequests}) and back ({@link ResponseObjects}, {@link ResponseEventStream}): stateless, {@code store}
 * always false and {@code previous_response_id} refused.
 */
@RestController
class ResponsesController {

    /** The client headers OpenAI's API takes that are passed on; nothing else of the client's goes upstream. */
    static final List<String> FORWARDED_HEADERS = List.of("openai-beta");

    private final GatewayCalls calls;

    ResponsesController(GatewayCalls calls) {
        this.calls = calls;
    }

    @PostMapping("/v1/responses")
    @Operation(summary = "Model response (OpenAI Responses API, what Codex CLI speaks)", tags = "Gateway",
            description = "Runs on the credential the token is bound to (or its fallback order); metered, capped and "
                    + "audited like a Lab call. On an OpenAI credential the body passes through to OpenAI's own "
                    + "Responses API as sent (only the key swapped); on any other it is translated and stateless "
                    + "(store is false, previous_response_id is refused). With \"stream\": true the answer is the "
                    + "documented server-sent events, from response.created to response.completed.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", examples = @ExampleObject(name = "simple", value = """
                            {"model": "gpt-4o-mini", "input": "Say hello"}"""))),
            responses = @ApiResponse(responseCode = "200", description = "The response object, or its events",
                    content = {@Content(mediaType = "application/json"), @Content(mediaType = "text/event-stream")}))
    void create(@AuthenticationPrincipal GatewayCaller caller, HttpServletRequest http, HttpServletResponse response)
            throws InterruptedException, IOException {
        byte[] body = ChatCompletionsController.bodyBytes(http);
        ResponseRequests.Envelope envelope = ResponseRequests.envelope(body);
        CallRoute route = calls.route(caller, envelope.model());
        Map<String, String> ourLimit = new LinkedHashMap<>();
        if (NativeApis.OPENAI_RESPONSES.servedBy(route.provider().profile())) {
            passThrough(caller, route, envelope, new PassThrough(NativeApis.OPENAI_RESPONSES, body, envelope.stream(),
                    headers(http)), response, ourLimit);
            return;
        }
        ResponseRequest request = ResponseRequests.parse(envelope);
        if (!request.stream()) {
            MeteredTurn metered = calls.chat(caller, route, request.messages(), request.tools(), false,
                    request.options(), CallListener.NONE, ourLimit);
            ourLimit.forEach(response::setHeader);
            CallRoute ran = metered.route(); // the model field names the model that ran
            FallbackHeaders.write(response, route, ran, metered.fallbacks());
            ResponseObjects objects = new ResponseObjects(ran.model(), request);
            GatewayJson.send(response, HttpServletResponse.SC_OK,
                    GatewayJson.write(objects.completed(metered.turn(), objects.output(metered.turn()))));
            return;
        }
        ResponseEventStream stream = new ResponseEventStream(response, route, request, ourLimit);
        try {
            stream.finish(calls.chat(caller, route, request.messages(), request.tools(), true, request.options(),
                    stream, ourLimit).turn());
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

    private void passThrough(GatewayCaller caller, CallRoute route, ResponseRequests.Envelope envelope,
                             PassThrough request, HttpServletResponse response, Map<String, String> ourLimit) {
        CountedEvents answer = new CountedEvents(new PassThroughResponse(response, route, ourLimit));
        try {
            calls.passThrough(caller, route, request, answer, ourLimit);
        } catch (InterruptedException e) {
            // the client went away: nobody to tell
        } catch (GatewayError e) {
            if (!answer.answer.started()) {
                throw e; // nothing sent yet: a plain error response with its status
            }
            if (answer.answer.streaming()) {
                answer.fail(e, envelope);
            }
        } finally {
            Thread.interrupted(); // the interrupt was ours; the container's thread goes back clean
        }
    }

    private static Map<String, String> headers(HttpServletRequest http) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : FORWARDED_HEADERS) {
            var values = http.getHeaders(name);
            List<String> all = values == null ? List.of() : java.util.Collections.list(values);
            if (!all.isEmpty()) {
                headers.put(name, String.join(",", all));
            }
        }
        return headers;
    }

    /**
     * The passed-through answer, counting the events it forwards: a failure after them is told with OpenAI's own
     * closing events, {@code response.failed} (what Codex reads) and {@code error} (what the SDKs raise), numbered
     * on from the provider's last {@code sequence_number} (OpenAI's count from 0, one per event).
     */
    private static final class CountedEvents implements PassThroughListener {

        private final PassThroughResponse answer;
        private int events;

        CountedEvents(PassThroughResponse answer) {
            this.answer = answer;
        }

        @Override
        public void onFallback(Fallback fallback) {
            answer.onFallback(fallback);
        }

        @Override
        public boolean answerStarted() {
            return answer.answerStarted();
        }

        @Override
        public void onStart(int status, String contentType) {
            answer.onStart(status, contentType);
        }

        @Override
        public void onBytes(byte[] bytes) {
            events++;
            answer.onBytes(bytes);
        }

        void fail(GatewayError error, ResponseRequests.Envelope envelope) {
            ResponseRequest request = new ResponseRequest(envelope.model(), List.of(), List.of(), ChatOptions.DEFAULTS,
                    true, null, GatewayJson.object(), Map.of());
            ObjectNode failed = GatewayJson.object().put("type", "response.failed");
            failed.set("response", new ResponseObjects(envelope.model(), request).failed(error,
                    GatewayJson.MAPPER.createArrayNode()));
            failed.put("sequence_number", events);
            ObjectNode e = GatewayJson.object().put("type", "error");
            e.put("code", error.code()).put("message", error.getMessage()).putNull("param");
            e.put("sequence_number", events + 1);
            answer.write(("event: response.failed\ndata: " + GatewayJson.write(failed) + "\n\nevent: error\ndata: "
                    + GatewayJson.write(e) + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
