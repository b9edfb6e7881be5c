package com.byomlab.calls;

import com.byomlab.audit.AuditLog;
import com.byomlab.llm.ChatCall;
import com.byomlab.llm.ChatOptions;
import com.byomlab.llm.EmbeddingCall;
import com.byomlab.llm.LlmCallException;
import com.byomlab.llm.KeyValidator;
import com.byomlab.llm.LlmChat;
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

    MeteredCalls(OwnKeys ownKeys, RateLimits limits, Budgets budgets, AuditLog audit, UsageMeter meter, LlmChat chat,
                 KeyValidator catalog, SessionCredentials credentials, SystemDefaultModel systemDefault,
                 CallRoutes routes, Cooldowns cooldowns, MeterRegistry metrics, GenAiTelemetry telemetry) {
        // The order of the controls, in one place: cheap refusals first (once per request, whatever credential
        // answers), then the fallback loop, and for each credential it tries: what records the call, then the call.
        List<CallStep> checks = List.of(
                Admission.ownKeys(ownKeys),
                Admission.rateLimit(limits),
                Admission.caps(budgets));
        ProviderCall provider = new ProviderCall(chat, catalog, credentials, systemDefault);
        this.chatSteps = concat(checks, new Fallbacks(routes, cooldowns, audit, metrics), Records.auditing(audit),
                Records.metering(meter), Traces.tracing(telemetry), provider::chat);
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
