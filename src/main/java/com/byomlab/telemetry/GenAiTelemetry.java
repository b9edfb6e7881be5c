package com.byomlab.telemetry;

import com.byomlab.llm.ChatOptions;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import dev.langchain4j.data.message.ChatMessage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Spans and metrics of LLM work in the OpenTelemetry GenAI semantic conventions ({@link GenAi}), made through
 * Micrometer Observation (the OpenTelemetry bridge turns each observation into a span and exports it over OTLP when
 * the operator configured an endpoint, see {@code OtlpEnvironment}).
 *
 * <p>A call ({@link #chat}) is a CLIENT span {@code chat {model}} with the request, the answer's model, its token
 * figures and {@code error.type}, and feeds {@code gen_ai.client.operation.duration} and
 * {@code gen_ai.client.token.usage}. A Lab session ({@link #agent}) is a trace of its own: an {@code invoke_agent}
 * root span with its calls and {@code execute_tool} spans ({@link #tool}) beneath it. Nothing here ever sees a key;
 * prompt, answer and tool text are recorded only when the operator opts in ({@code byom.telemetry.capture-content}).
 *
 * <p>Each handle is opened and closed on the calling thread (its observation is in scope meanwhile, so spans started
 * inside it become its children); use it in try-with-resources.
 */
@Component
public class GenAiTelemetry {

    private static final Logger LOG = LoggerFactory.getLogger(GenAiTelemetry.class);

    private final ObservationRegistry observations;
    private final MeterRegistry meters;
    private final boolean captureContent;
    /** False when no span is ever sampled and no registry keeps the gen_ai meters: then the handles do nothing. */
    private final boolean observed;

    @Autowired
    GenAiTelemetry(ObservationRegistry observations, MeterRegistry meters,
                   @Value("${byom.telemetry.capture-content:false}") boolean captureContent,
                   @Value("${management.tracing.sampling.probability:0.1}") double sampling) {
        this(observations, meters, captureContent, sampling > 0 || keepsGenAiMeters(meters));
    }

    /** Always observed (the tests' handlers and registries). */
    GenAiTelemetry(ObservationRegistry observations, MeterRegistry meters, boolean captureContent) {
        this(observations, meters, captureContent, true);
    }

    GenAiTelemetry(ObservationRegistry observations, MeterRegistry meters, boolean captureContent,
                   boolean observed) {
        this.observations = observations;
        this.meters = meters;
        this.captureContent = captureContent;
        this.observed = observed;
        if (!observed) {
            LOG.info("No traces sampled and no OTLP metrics: GenAI spans and metrics are off");
        }
    }

    /**
     * Whether a registry keeps the gen_ai meters: Prometheus never does ({@link TelemetryConfiguration}); the OTLP
     * registry, present only when metrics are exported, and any other does.
     */
    static boolean keepsGenAiMeters(MeterRegistry meters) {
        if (meters instanceof CompositeMeterRegistry composite) {
            return composite.getRegistries().stream().anyMatch(GenAiTelemetry::keepsGenAiMeters);
        }
        return !(meters instanceof PrometheusMeterRegistry);
    }

    /** One LLM call to {@code model} of {@code provider}, with the messages it sends. */
    public Call chat(Provider provider, String model, List<ChatMessage> messages, ChatOptions options) {
        Call call = call(GenAi.CHAT, provider, model);
        if (!observed) {
            return call;
        }
        if (options != null) {
            call.set(GenAi.REQUEST_TEMPERATURE, options.temperature());
            call.set(GenAi.REQUEST_TOP_P, options.topP());
            if (options.maxOutputTokens() != null) {
                call.span.setAttribute(GenAi.REQUEST_MAX_TOKENS, options.maxOutputTokens().longValue());
            }
        }
        if (captureContent) {
            call.text(GenAi.SYSTEM_INSTRUCTIONS, ContentJson.systemInstructions(messages));
            call.text(GenAi.INPUT_MESSAGES, ContentJson.inputMessages(messages));
        }
        return call;
    }

    /** One embeddings call to {@code model} of {@code provider} (its usage is input tokens only). */
    public Call embeddings(Provider provider, String model) {
        return call(GenAi.EMBEDDINGS, provider, model);
    }

    private Call call(String operation, Provider provider, String model) {
        if (!observed) {
            return new Call(null, null, null);
        }
        String providerName = provider.profile().genAiProviderName();
        ChatContext context = new ChatContext(enclosingAgent());
        Observation observation = Observation.createNotStarted(GenAi.CLIENT_OBSERVATION, () -> context, observations)
                .contextualName(operation + " " + model)
                .lowCardinalityKeyValue(GenAi.OPERATION_NAME, operation)
                .lowCardinalityKeyValue(GenAi.PROVIDER_NAME, providerName)
                .lowCardinalityKeyValue(GenAi.REQUEST_MODEL, model);
        return new Call(observation, context, Tags.of(GenAi.OPERATION_NAME, operation,
                GenAi.PROVIDER_NAME, providerName, GenAi.REQUEST_MODEL, model));
    }

    /**
     * One Lab session: the root span of its own trace (whichever thread runs it), named after the Lab's agent, with
     * the session id as {@code gen_ai.conversation.id} and the token totals of its calls.
     */
    public Agent agent(UUID sessionId, Provider provider, String model) {
        if (!observed) {
            return new Agent(null, null);
        }
        AgentContext context = new AgentContext();
        Observation observation = Observation.createNotStarted(GenAi.AGENT_OBSERVATION, () -> context, observations)
                .contextualName(GenAi.INVOKE_AGENT + " " + GenAi.LAB_AGENT)
                .lowCardinalityKeyValue(GenAi.OPERATION_NAME, GenAi.INVOKE_AGENT)
                .lowCardinalityKeyValue(GenAi.PROVIDER_NAME, provider.profile().genAiProviderName())
                .lowCardinalityKeyValue(GenAi.AGENT_NAME, GenAi.LAB_AGENT)
                .lowCardinalityKeyValue(GenAi.REQUEST_MODEL, model)
                .highCardinalityKeyValue(GenAi.CONVERSATION_ID, sessionId.toString())
                .parentObservation(null);
        return new Agent(observation, context);
    }

    /** One tool the agent runs, as the model asked for it. */
    public Tool tool(String name, String callId, String arguments) {
        if (!observed) {
            return new Tool(null);
        }
        String tool = name == null || name.isBlank() ? "unknown" : name;
        Observation observation = Observation.createNotStarted(GenAi.TOOL_OBSERVATION, ToolContext::new,
                        observations)
                .contextualName(GenAi.EXECUTE_TOOL + " " + tool)
                .lowCardinalityKeyValue(GenAi.OPERATION_NAME, GenAi.EXECUTE_TOOL)
                .lowCardinalityKeyValue(GenAi.TOOL_NAME, tool)
                .lowCardinalityKeyValue(GenAi.TOOL_TYPE, "function");
        if (callId != null) {
            observation.highCardinalityKeyValue(GenAi.TOOL_CALL_ID, callId);
        }
        Tool handle = new Tool(observation);
        if (captureContent) {
            handle.text(GenAi.TOOL_CALL_ARGUMENTS, arguments);
        }
        return handle;
    }

    /**
     * How the session in scope ended, when not with an answer: its code (e.g. {@code limit_reached},
     * {@code rate_limited}) becomes the {@code error.type} of its {@code invoke_agent} span. No-op outside a session.
     */
    public void sessionEnded(String code) {
        AgentContext agent = enclosingAgent();
        if (agent != null && code != null) {
            agent.errorType = code;
        }
    }

    private AgentContext enclosingAgent() {
        ObservationView current = observations.getCurrentObservation();
        while (current != null) {
            if (current.getContextView() instanceof AgentContext agent) {
                return agent;
            }
            current = current.getContextView().getParentObservation();
        }
        return null;
    }

    /**
     * What every handle shares: its observation started and in scope, and the span the bridge made of it. Without
     * an observation (nothing observes GenAI work) a handle records nothing.
     */
    public abstract static class Traced implements AutoCloseable {

        final Observation observation;
        private final Observation.Scope scope;
        /** The OpenTelemetry span of the observation (invalid, so a no-op, when tracing is off). */
        final Span span;
        String errorType;

        Traced(Observation observation) {
            if (observation == null) {
                this.observation = null;
                this.scope = null;
                this.span = Span.getInvalid();
                return;
            }
            this.observation = observation.start();
            this.scope = this.observation.openScope();
            // an observation switched off makes no span: never write on whatever other span is current
            this.span = this.observation.isNoop() ? Span.getInvalid() : Span.current();
        }

        /** The operation failed: {@code type} is a short, low-cardinality class of error (never a message). */
        public void failed(String type) {
            errorType = type == null || type.isBlank() ? "_OTHER" : type;
        }

        void set(String key, Double value) {
            if (value != null) {
                span.setAttribute(key, value);
            }
        }

        void set(String key, Integer value) {
            if (value != null) {
                span.setAttribute(key, value.longValue());
            }
        }

        void text(String key, String value) {
            if (value != null && observation != null) {
                span.setAttribute(key, ContentJson.capped(value));
            }
        }

        /** Telemetry never fails the work it observes: a call that answered stays answered (and metered). */
        @Override
        public void close() {
            if (observation == null) {
                return;
            }
            try {
                end();
            } catch (RuntimeException e) {
                quietly(e);
            }
        }

        private void end() {
            try {
                if (errorType != null) {
                    observation.lowCardinalityKeyValue(GenAi.ERROR_TYPE, errorType);
                    // the status carries the class of error only: no exception event, whose message could say too much
                    span.setStatus(StatusCode.ERROR, errorType);
                }
                beforeStop();
            } finally {
                // the scope is the thread's: it is closed whatever happened, or later spans would hang beneath this
                scope.close();
                observation.stop();
            }
        }

        void beforeStop() {
        }

        static void quietly(RuntimeException e) {
            LOG.warn("Telemetry of a GenAI operation failed ({}); the operation itself is unaffected",
                    e.getClass().getName());
        }
    }

    /** An LLM call in flight. */
    public final class Call extends Traced {

        private final long started = System.nanoTime();
        private final ChatContext context;
        private Tags tags;
        private TokenCounts usage;

        private Call(Observation observation, ChatContext context, Tags tags) {
            super(observation);
            this.context = context;
            this.tags = tags;
        }

        /** An embeddings call answered: its token figures. */
        public void embedded(TokenCounts counts) {
            if (observation == null) {
                return;
            }
            try {
                usage = counts;
                if (counts != null && counts.reported()) {
                    set(GenAi.INPUT_TOKENS, counts.input());
                }
            } catch (RuntimeException e) {
                quietly(e);
            }
        }

        /** The call answered: its model, finish reason and token figures (and, when opted in, its message). */
        public void answered(ChatTurn turn) {
            if (turn == null || observation == null) {
                return;
            }
            try {
                record(turn);
            } catch (RuntimeException e) {
                quietly(e);
            }
        }

        private void record(ChatTurn turn) {
            if (turn.responseModel() != null && !turn.responseModel().isBlank()) {
                observation.lowCardinalityKeyValue(GenAi.RESPONSE_MODEL, turn.responseModel());
                tags = tags.and(GenAi.RESPONSE_MODEL, turn.responseModel());
            }
            if (turn.finishReason() != null) {
                span.setAttribute(AttributeKey.stringArrayKey(GenAi.RESPONSE_FINISH_REASONS),
                        List.of(turn.finishReason()));
            }
            usage = turn.usage();
            if (usage != null && usage.reported()) {
                set(GenAi.INPUT_TOKENS, usage.input());
                set(GenAi.OUTPUT_TOKENS, usage.output());
                set(GenAi.CACHE_READ_INPUT_TOKENS, usage.cachedInput());
                set(GenAi.CACHE_CREATION_INPUT_TOKENS, usage.cacheWrite());
                set(GenAi.REASONING_OUTPUT_TOKENS, usage.reasoning());
                if (context.agent != null) {
                    context.agent.add(usage);
                }
            }
            if (captureContent) {
                text(GenAi.OUTPUT_MESSAGES, ContentJson.outputMessages(turn.message(), turn.finishReason()));
            }
        }

        @Override
        void beforeStop() {
            Tags all = errorType == null ? tags : tags.and(GenAi.ERROR_TYPE, errorType);
            DistributionSummary.builder(GenAi.OPERATION_DURATION).baseUnit("s")
                    .description("GenAI operation duration.").serviceLevelObjectives(GenAi.DURATION_BUCKETS)
                    .tags(all).register(meters).record((System.nanoTime() - started) / 1e9);
            if (errorType == null && usage != null && usage.reported()) {
                tokens("input", usage.input());
                tokens("output", usage.output());
            }
        }

        private void tokens(String type, Integer count) {
            if (count != null) {
                DistributionSummary.builder(GenAi.TOKEN_USAGE).baseUnit("{token}")
                        .description("Number of input and output tokens used.")
                        .serviceLevelObjectives(GenAi.TOKEN_BUCKETS).tags(tags.and(GenAi.TOKEN_TYPE, type))
                        .register(meters).record(count);
            }
        }
    }

    /** A Lab session in flight. */
    public static final class Agent extends Traced {

        private final AgentContext context;

        private Agent(Observation observation, AgentContext context) {
            super(observation);
            this.context = context;
        }

        @Override
        void beforeStop() {
            if (context.errorType != null && errorType == null) {
                errorType = context.errorType;
                observation.lowCardinalityKeyValue(GenAi.ERROR_TYPE, errorType);
                span.setStatus(StatusCode.ERROR, errorType);
            }
            if (context.anyUsage) {
                span.setAttribute(GenAi.INPUT_TOKENS, context.input);
                span.setAttribute(GenAi.OUTPUT_TOKENS, context.output);
            }
        }
    }

    /** A tool run in flight. */
    public final class Tool extends Traced {

        private Tool(Observation observation) {
            super(observation);
        }

        /** The tool's answer; an error answer (the model is told what was wrong) marks the span failed. */
        public void result(String json, boolean error) {
            if (error) {
                failed("tool_error");
            }
            if (captureContent) {
                text(GenAi.TOOL_CALL_RESULT, json);
            }
        }
    }

    /** The contexts of the GenAI observations, which record their own metrics. */
    interface GenAiContext {
    }

    /** A call's context: a CLIENT span (the provider is a remote service), and the session it belongs to. */
    static final class ChatContext extends SenderContext<Object> implements GenAiContext {

        final AgentContext agent;

        ChatContext(AgentContext agent) {
            // nothing is propagated to providers: their calls carry no trace headers
            super((carrier, key, value) -> {
            }, Kind.CLIENT);
            this.agent = agent;
        }
    }

    /** A session's context: where its calls add their tokens, and how it ended. */
    static final class AgentContext extends Observation.Context implements GenAiContext {

        long input;
        long output;
        boolean anyUsage;
        volatile String errorType;

        synchronized void add(TokenCounts usage) {
            input += usage.input() == null ? 0 : usage.input();
            output += usage.output() == null ? 0 : usage.output();
            anyUsage = true;
        }
    }

    /** A tool run's context. */
    static final class ToolContext extends Observation.Context implements GenAiContext {
    }
}
