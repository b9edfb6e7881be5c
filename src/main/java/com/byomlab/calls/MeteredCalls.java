package com.byomlab.calls;

import com.byomlab.audit.AuditLog;
import com.byomlab.llm.ChatCall;
import com.byomlab.llm.ChatOptions;
import com.byomlab.llm.EmbeddingCall;
import com.byomlab.llm.LlmCallException;
import com.byomlab.llm.KeyValidator;
import com.byomlab.llm.LlmChat;
import com.byomlab.llm.LlmPassThrough;
import com.byomlab.llm.PassThrough;
import com.byomlab.llm.ModelInfo;
import com.byomlab.llm.SystemDefaultModel;
import com.byomlab.ratelimit.RateLimits;
import com.byomlab.telemetry.GenAiTelemetry;
import com.byomlab.usage.Budgets;
import com.byomlab.usage.LlmCallRecord;
import com.byomlab.usage.UsageMeter;
import com.byomlab.vault.CredentialUnavailableException;
import com.byomlab.vault.SessionCredentials;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one LLM call on a {@link CallRoute} through every control, the same for a Lab session's turn and a gateway
 * request. A refused call ({@link CallRefused}) asks no provider; a call that was made is metered whatever its
 * outcome; a provider failure comes back as {@link LlmCallException} after the retry policy is spent.
 */
@Service
public class MeteredCalls {

    private final List<CallStep> chatSteps;
    private final List<CallStep> listingSteps;
    private final List<CallStep> embeddingSteps;
    private final List<CallStep> passThroughSteps;

    MeteredCalls(OwnKeys ownKeys, RateLimits limits, Budgets budgets, AuditLog audit, UsageMeter meter, LlmChat chat,
                 LlmPassThrough passThrough, KeyValidator catalog, SessionCredentials credentials,
                 SystemDefaultModel systemDefault, CallRoutes routes, Cooldowns cooldowns, MeterRegistry metrics,
                 GenAiTelemetry telemetry) {
        // The order of the controls, in one place: cheap refusals first (once per request, whatever credential
        // answers), then the fallback loop, and for each credential it tries: what records the call, then the call.
        List<CallStep> checks = List.of(
                Admission.ownKeys(ownKeys),
                Admission.rateLimit(limits),
                Admission.caps(budgets));
        ProviderCall provider = new ProviderCall(chat, passThrough, catalog, credentials, systemDefault);
        Fallbacks fallbacks = new Fallbacks(routes, cooldowns, audit, metrics);
        CallStep tracing = Traces.tracing(telemetry);
        this.chatSteps = concat(checks, fallbacks, Records.auditing(audit), Records.metering(meter), tracing,
                provider::chat);
        this.passThroughSteps = concat(checks, fallbacks, Records.auditing(audit), Records.metering(meter), tracing,
                provider::passThrough);
        this.listingSteps = concat(checks, provider::listModels);
        // no fallback step: another credential's model would answer with vectors of another space
        this.embeddingSteps = concat(checks, Records.auditing(audit), Records.metering(meter), provider::embed);
    }

    /**
     * One chat call: checked, audited where the origin asks, metered whatever its outcome; on the route's fallback
     * order when its credential fails (see {@link Fallbacks}). The answer says which route answered.
     */
    public MeteredTurn chat(CallRoute route, CallOrigin origin, List<ChatMessage> messages,
                            List<ToolSpecification> tools, boolean stream, ChatOptions options, CallListener listener)
            throws LlmCallException, CredentialUnavailableException, InterruptedException {
        ChatCall call = new ChatCall(route.target(), route.model(), messages, tools,
                stream, options);
        return proceed(chatSteps, 0, new PendingCall(route, origin, call,
                listener == null ? CallListener.NONE : listener, LlmCallRecord.newCallId()));
    }

    /**
     * One embeddings call: checked, audited where the origin asks, metered (input tokens, priced like any call) whatever
     * its outcome, on the route's credential only.
     */
    public MeteredTurn embed(CallRoute route, CallOrigin origin, List<String> inputs, Integer dimensions)
            throws LlmCallException, CredentialUnavailableException, InterruptedException {
        EmbeddingCall call = new EmbeddingCall(route.target(), route.model(), inputs, dimensions);
        return proceed(embeddingSteps, 0, new PendingCall(route, origin, null, CallListener.NONE,
                LlmCallRecord.newCallId(), call));
    }

    /**
     * A client's own request to a provider's native API ({@link PassThrough}: Anthropic Messages, OpenAI Responses),
     * forwarded as it was written with only the key swapped for the route's, its answer streamed to
     * {@code listener} as it arrives. The same controls as {@link #chat}: checked (own keys on, rate limit, caps),
     * audited where the origin asks, metered with the usage read from the answer or its stream (unless the endpoint
     * is free: {@link com.byomlab.llm.NativeApi#metered()}), retried while nothing has reached the client, and moved
     * along the route's fallback order before the first byte, but only to credentials whose provider speaks the
     * request's wire protocol (the others are skipped). The answer's turn has the usage, stop reason and latency, no
     * message.
     *
     * <p>The caller decides pass-through or translation: the route's own provider must speak the request's protocol
     * ({@link com.byomlab.llm.ProviderProfile#wireProtocol()}); on another, call {@link #chat} with the request
     * translated.
     *
     * @throws IllegalArgumentException when the route's provider does not speak the request's protocol
     */
    public MeteredTurn passThrough(CallRoute route, CallOrigin origin, PassThrough request,
                                   PassThroughListener listener)
            throws LlmCallException, CredentialUnavailableException, InterruptedException {
        if (route.provider().profile().wireProtocol() != request.api().protocol()) {
            throw new IllegalArgumentException(route.provider().id() + " does not speak " + request.api().protocol());
        }
        return proceed(passThroughSteps, 0, new PendingCall(route, origin, null, listener,
                LlmCallRecord.newCallId(), request));
    }

    /**
     * The models the route's key can use, asked live from the provider, after the same checks as a call (a listing
     * is not metered: no tokens are spent).
     */
    public List<ModelInfo> models(CallRoute route, CallOrigin origin)
            throws LlmCallException, CredentialUnavailableException, InterruptedException {
        return proceed(listingSteps, 0, new PendingCall(route, origin, null, CallListener.NONE, null)).models();
    }

    private MeteredTurn proceed(List<CallStep> steps, int index, PendingCall call)
            throws LlmCallException, CredentialUnavailableException, InterruptedException {
        return steps.get(index).handle(call, next -> proceed(steps, index + 1, next));
    }

    private static List<CallStep> concat(List<CallStep> first, CallStep... then) {
        List<CallStep> all = new ArrayList<>(first);
        all.addAll(List.of(then));
        return List.copyOf(all);
    }
}
