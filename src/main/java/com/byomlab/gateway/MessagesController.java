package com.byomlab.gateway;

import com.byomlab.calls.CallListener;
import com.byomlab.calls.CallRoute;
import com.byomlab.calls.MeteredTurn;
import com.byomlab.llm.NativeApi;
import com.byomlab.llm.NativeApis;
import com.byomlab.llm.PassThrough;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's Messages API on the gateway: {@code POST /v1/messages} and {@code POST /v1/messages/count_tokens},
 * on the credential the caller's token is bound to, through the same metered pipeline as every call. The token
 * comes as {@code x-api-key} or {@code Authorization: Bearer}; errors are in Anthropic's format
 * ({@link AnthropicErrors}).
 *
 * <ul>
 * <li>On an Anthropic credential the request is passed through: the body goes as the client wrote it (tools,
 * {@code cache_control}, thinking blocks and their signatures), with the client's {@code anthropic-version} and
 * {@code anthropic-beta} headers, only the key is the credential's; the answer comes back as Anthropic wrote it,
 * streamed event by event, and its usage (cache reads and writes included) is metered.</li>
 * <li>On a credential of any other provider it is translated ({@link MessagesRequests}) and answered in
 * Anthropic's shapes ({@link MessagesResponses}, {@link MessagesStream}). A {@code claude-*} model name (what Claude
 * Code sends) runs the credential's own model there; any other name runs as named.</li>
 * <li>{@code count_tokens} is passed through on an Anthropic credential (free: checked and audited, not metered);
 * on another it answers an estimate (about four characters a token) marked {@code x-byom-estimate: true}, without
 * calling the provider, which has no such endpoint.</li>
 * </ul>
 */
@RestController
class MessagesController {

    /** The client headers Anthropic's API takes that are passed on; nothing else of the client's goes upstream. */
    static final List<String> FORWARDED_HEADERS = List.of("anthropic-version", "anthropic-beta");
    static final String ESTIMATE_HEADER = "x-byom-estimate";

    private final GatewayCalls calls;

    MessagesController(GatewayCalls calls) {
        this.calls = calls;
    }

    @PostMapping(AnthropicErrors.PATH)
    void create(@AuthenticationPrincipal GatewayCaller caller, HttpServletRequest http, HttpServletResponse response)
            throws IOException {
        byte[] body = body(http);
        MessagesRequests.Envelope request = MessagesRequests.envelope(body);
        CallRoute route = route(caller, request.model());
        Map<String, String> ourLimit = new LinkedHashMap<>();
        if (passesThrough(route, NativeApis.ANTHROPIC_MESSAGES)) {
            passThrough(caller, route, new PassThrough(NativeApis.ANTHROPIC_MESSAGES, body, request.stream(),
                    headers(http)), response, ourLimit);
            return;
        }
        CompletionRequest translated = MessagesRequests.translate(request, route.model());
        if (!request.stream()) {
            MeteredTurn metered;
            try {
                metered = calls.translated(caller, route, translated, CallListener.NONE, ourLimit);
            } catch (InterruptedException e) {
                Thread.interrupted();
                return; // the client went away
            }
            ourLimit.forEach(response::setHeader);
            FallbackHeaders.write(response, route, metered.route(), metered.fallbacks());
            GatewayJson.send(response, HttpServletResponse.SC_OK,
                    new MessagesResponses(metered.route().model()).message(metered.turn()));
            return;
        }
        MessagesStream stream = new MessagesStream(response, route, ourLimit);
        try {
            stream.finish(calls.translated(caller, route, translated, stream, ourLimit).turn());
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

    @PostMapping(AnthropicErrors.PATH + "/count_tokens")
    void countTokens(@AuthenticationPrincipal GatewayCaller caller, HttpServletRequest http,
                     HttpServletResponse response) throws IOException {
        byte[] body = body(http);
        MessagesRequests.Envelope request = MessagesRequests.envelope(body);
        CallRoute route = route(caller, request.model());
        if (passesThrough(route, NativeApis.ANTHROPIC_COUNT_TOKENS)) {
            passThrough(caller, route, new PassThrough(NativeApis.ANTHROPIC_COUNT_TOKENS, body, false,
                    headers(http)), response, new LinkedHashMap<>());
            return;
        }
        if (!request.root().path("messages").isArray()) {
            throw GatewayError.invalidRequest("messages", "'messages' must be an array.");
        }
        response.setHeader(ESTIMATE_HEADER, "true");
        GatewayJson.send(response, HttpServletResponse.SC_OK, GatewayJson.write(GatewayJson.object()
                .put("input_tokens", MessagesRequests.estimateInputTokens(request.root()))));
    }

    private void passThrough(GatewayCaller caller, CallRoute route, PassThrough request, HttpServletResponse response,
                             Map<String, String> ourLimit) {
        PassThroughResponse answer = new PassThroughResponse(response, route, ourLimit);
        try {
            calls.passThrough(caller, route, request, answer, ourLimit);
        } catch (InterruptedException e) {
            // the client went away: nobody to tell
        } catch (GatewayError e) {
            if (!answer.started()) {
                throw e; // nothing sent yet: a plain error response with its status
            }
            if (answer.streaming()) {
                answer.write(AnthropicErrors.event(e));
            }
        } finally {
            Thread.interrupted(); // the interrupt was ours; the container's thread goes back clean
        }
    }

    /**
     * The token's credential with the request's model; on a credential that does not speak Anthropic's protocol a
     * claude-* name (Claude Code's, which a user of another provider cannot change in every place) runs the
     * credential's own model.
     */
    private CallRoute route(GatewayCaller caller, String model) {
        CallRoute route = calls.route(caller, model);
        if (!passesThrough(route, NativeApis.ANTHROPIC_MESSAGES) && model.startsWith("claude-")) {
            return calls.route(caller, null);
        }
        return route;
    }

    private static boolean passesThrough(CallRoute route, NativeApi api) {
        return api.servedBy(route.provider().profile());
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
     * Read here rather than bound with {@code @RequestBody}: Spring logs bound bodies at DEBUG, and prompts are the
     * user's data. The gateway's body cap ({@code byom.http.max-body.gateway}) applies before this.
     */
    private static byte[] body(HttpServletRequest http) throws IOException {
        return ChatCompletionsController.bodyBytes(http);
    }
}
