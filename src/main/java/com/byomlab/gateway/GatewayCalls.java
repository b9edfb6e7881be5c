package com.byomlab.gateway;

import com.byomlab.audit.AuditEvent;
import com.byomlab.audit.AuditLog;
import com.byomlab.calls.CallListener;
import com.byomlab.calls.CallOrigin;
import com.byomlab.calls.CallRefused;
import com.byomlab.calls.CallRoute;
import com.byomlab.calls.CallRoutes;
import com.byomlab.calls.MeteredCalls;
import com.byomlab.calls.MeteredTurn;
import com.byomlab.calls.PassThroughListener;
import com.byomlab.llm.ChatOptions;
import com.byomlab.llm.LlmCallException;
import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.PassThrough;
import com.byomlab.vault.CredentialUnavailableException;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Map;

/**
 * The gateway's side of the metered call pipeline ({@link MeteredCalls}), the same controls as a Lab session's
 * calls: the token's credential resolved owner-scoped (a token can only ever reach its owner's credentials) and
 * read once per request, the per-user gateway rate limit, the user's cost caps, the key decrypted for this one call,
 * the call metered (purpose "gateway") and audited whatever its outcome, and the token's (else the user's) fallback
 * order followed when the credential fails. Refusals and provider failures come out as {@link GatewayError}s in
 * OpenAI's format.
 */
@Service
class GatewayCalls {

    private final CallRoutes routes;
    private final MeteredCalls calls;
    private final AuditLog audit;

    GatewayCalls(CallRoutes routes, MeteredCalls calls, AuditLog audit) {
        this.routes = routes;
        this.calls = calls;
        this.audit = audit;
    }

    /**
     * Where this request's call goes: the token's credential, read now (a deleted credential or a new default shows
     * at once), and the request's model or else the credential's.
     */
    CallRoute route(GatewayCaller caller, String model) {
        try {
            return routes.forToken(caller.userId(), caller.tokenId(), caller.boundCredentialId(), model);
        } catch (CallRefused refused) {
            throw refusal(caller, refused);
        }
    }

    /**
     * One chat call on the route, or on its fallback order (the answer says which route answered).
     * InterruptedException: the client went away, or a stream broke mid-way.
     *
     * @param ourLimit filled with the {@code RateLimit-*} headers of our gateway-calls limit once the call is
     *                 admitted, for the caller to put on a successful answer only: on a provider's refusal they would
     *                 read as the provider's limit
     */
    MeteredTurn complete(GatewayCaller caller, CallRoute route, CompletionRequest request, CallListener listener,
                         Map<String, String> ourLimit) throws InterruptedException {
        return run(caller, ourLimit, false, origin -> calls.chat(route, origin, request.messages(), request.tools(),
                request.stream(), request.options(), listener));
    }

    /** One embeddings call on the route's credential (no fallback order: see {@link MeteredCalls#embed}). */
    MeteredTurn embed(GatewayCaller caller, CallRoute route, List<String> inputs, Integer dimensions,
                      Map<String, String> ourLimit) throws InterruptedException {
        return run(caller, ourLimit, false, origin -> calls.embed(route, origin, inputs, dimensions));
    }

    /**
     * The same for a request of another surface (the Responses API), already in neutral terms; a request the
     * provider refused as such is the client's 400 ({@link #rejectedOrUpstream}).
     */
    MeteredTurn chat(GatewayCaller caller, CallRoute route, List<ChatMessage> messages, List<ToolSpecification> tools,
                     boolean stream, ChatOptions options, CallListener listener, Map<String, String> ourLimit)
            throws InterruptedException {
        return run(caller, ourLimit, true, origin -> calls.chat(route, origin, messages, tools, stream, options,
                listener));
    }

    /**
     * The client's own request passed through to the route's provider (which speaks its protocol), the answer
     * forwarded to {@code listener} as it arrives; see {@link MeteredCalls#passThrough}. A request the provider
     * refused as such is a 400 (the client's to fix), not a provider failure.
     */
    MeteredTurn passThrough(GatewayCaller caller, CallRoute route, PassThrough request, PassThroughListener listener,
                            Map<String, String> ourLimit) throws InterruptedException {
        return run(caller, ourLimit, true, origin -> calls.passThrough(route, origin, request, listener));
    }

    /** {@link #complete}, for a surface on which a request the provider refused as such is the client's 400. */
    MeteredTurn translated(GatewayCaller caller, CallRoute route, CompletionRequest request, CallListener listener,
                           Map<String, String> ourLimit) throws InterruptedException {
        return run(caller, ourLimit, true, origin -> calls.chat(route, origin, request.messages(), request.tools(),
                request.stream(), request.options(), listener));
    }

    /** One metered call of whichever kind, as the call's origin for this caller. */
    @FunctionalInterface
    private interface Metered {
        MeteredTurn run(CallOrigin origin)
                throws LlmCallException, CredentialUnavailableException, InterruptedException;
    }

    /**
     * Runs a call with its refusals and failures in the gateway's words.
     *
     * @param rejectedIsClients a request the provider refused as such is the client's 400 on this surface
     *                          ({@link #rejectedOrUpstream}), else an upstream error as chat completions always had
     */
    private MeteredTurn run(GatewayCaller caller, Map<String, String> ourLimit, boolean rejectedIsClients,
                            Metered call) throws InterruptedException {
        try {
            return call.run(origin(caller, ourLimit));
        } catch (CallRefused refused) {
            throw refusal(refused);
        } catch (LlmCallException e) {
            throw rejectedIsClients ? rejectedOrUpstream(e) : UpstreamErrors.afterRetries(e);
        } catch (CredentialUnavailableException e) {
            throw credentialGone(caller);
        }
    }

    /**
     * A failure after our retries; a request the provider refused as such (a 4xx not about the key, credit, rate or
     * model) is answered 400, so that clients that retry 5xx on their own (Claude Code) do not send it again.
     */
    static GatewayError rejectedOrUpstream(LlmCallException e) {
        if (e.requestRejected()) {
            String message = e.error().message();
            // a prompt over the context window keeps Anthropic's exact words, which Claude Code compacts on
            return new GatewayError(HttpStatus.BAD_REQUEST, "invalid_request_error", "request_rejected", null,
                    message.startsWith("prompt is too long") ? message
                            : message + " Check the request: the provider refused it as sent.").noRetry();
        }
        return UpstreamErrors.afterRetries(e);
    }

    /** The models the token's credential's key can use, asked live from its provider. */
    record Listing(String ownedBy, List<ModelInfo> models) {
    }

    Listing models(GatewayCaller caller, Map<String, String> ourLimit) throws InterruptedException {
        CallRoute route = route(caller, null, false);
        try {
            return new Listing(route.provider().id(), calls.models(route, origin(caller, ourLimit)));
        } catch (CallRefused refused) {
            throw refusal(refused);
        } catch (LlmCallException e) {
            throw UpstreamErrors.of(e.error());
        } catch (CredentialUnavailableException e) {
            throw credentialGone(caller);
        }
    }

    private CallRoute route(GatewayCaller caller, String model, boolean needsModel) {
        try {
            return routes.forToken(caller.userId(), caller.boundCredentialId(), model, needsModel);
        } catch (CallRefused refused) {
            throw refusal(caller, refused);
        }
    }

    private GatewayError refusal(GatewayCaller caller, CallRefused refused) {
        return "credential_unavailable".equals(refused.code()) ? credentialGone(caller) : refusal(refused);
    }

    private static CallOrigin origin(GatewayCaller caller, Map<String, String> ourLimit) {
        return CallOrigin.gateway(caller.userId(), caller.clientAddress(), caller.tokenId(), ourLimit::putAll);
    }

    private static GatewayError refusal(CallRefused refused) {
        return switch (refused.kind()) {
            case RATE_LIMITED -> {
                GatewayError error = new GatewayError(HttpStatus.TOO_MANY_REQUESTS, "rate_limit_error",
                        "rate_limit_exceeded", null, refused.getMessage());
                refused.headers().forEach(error::header); // our own limit's refusal: Retry-After and RateLimit-*
                yield error;
            }
            // OpenAI's "out of credit" status and type, so clients stop; our own code says which cap
            case OVER_BUDGET -> new GatewayError(HttpStatus.TOO_MANY_REQUESTS, "insufficient_quota",
                    "cost_limit_reached", null, refused.getMessage()).noRetry();
            case MODEL_REQUIRED -> GatewayError.invalidRequest("model", "Name a model of your credential's provider; "
                    + "see GET /v1/models.");
            case DISABLED, UNUSABLE, NO_SYSTEM_DEFAULT -> new GatewayError(HttpStatus.FORBIDDEN,
                    "invalid_request_error", refused.code(), null, refused.getMessage()
                    + (refused.hint() == null ? "" : " " + refused.hint())).noRetry();
            default -> new GatewayError(HttpStatus.BAD_REQUEST, "invalid_request_error", refused.code(), null,
                    refused.getMessage());
        };
    }

    private GatewayError credentialGone(GatewayCaller caller) {
        audit.record(AuditEvent.of(caller.userId(), "credential.use", AuditEvent.Outcome.DENIED, null,
                caller.boundCredentialId(), caller.clientAddress(), "credential_unavailable token " + caller.tokenId()));
        return new GatewayError(HttpStatus.FORBIDDEN, "invalid_request_error", "credential_unavailable", null,
                "The credential this token is bound to was deleted or cannot be read. Create a new token bound to "
                        + "an active credential.").noRetry();
    }
}
