package com.byomlab.gateway;

import com.byomlab.calls.CallListener;
import com.byomlab.calls.CallRoute;
import com.byomlab.calls.MeteredTurn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /v1/responses}, OpenAI's Responses API (what Codex CLI speaks), on the credential the caller's token
 * is bound to, through the same metered pipeline as {@code /v1/chat/completions}: translated to the neutral chat
 * call ({@link ResponseRequests}) and back ({@link ResponseObjects}, {@link ResponseEventStream}), whatever the
 * provider. Stateless: {@code store} is always false and {@code previous_response_id} is refused.
 */
@RestController
class ResponsesController {

    private final GatewayCalls calls;

    ResponsesController(GatewayCalls calls) {
        this.calls = calls;
    }

    @PostMapping("/v1/responses")
    void create(@AuthenticationPrincipal GatewayCaller caller, HttpServletRequest http, HttpServletResponse response)
            throws InterruptedException, IOException {
        ResponseRequest request = ResponseRequests.parse(ChatCompletionsController.body(http));
        CallRoute route = calls.route(caller, request.model());
        Map<String, String> ourLimit = new LinkedHashMap<>();
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
}
