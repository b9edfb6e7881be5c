package com.byomlab.telemetry;

import com.byomlab.llm.ChatOptions;
import com.byomlab.llm.ChatTurn;
import com.byomlab.llm.Provider;
import com.byomlab.llm.TokenCounts;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spans and metrics of {@link GenAiTelemetry} through Micrometer's OpenTelemetry bridge, wired as Spring Boot
 * wires it, into an in-memory exporter: failures, the session's totals and outcome, and the content opt-in.
 */
class GenAiTelemetryTest {

    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    exported.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            })).build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ObservationRegistry observations = ObservationRegistry.create();

    GenAiTelemetryTest() {
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        io.opentelemetry.api.trace.Tracer otel = sdk.getTracer("test");
        OtelTracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {
        });
        OtelPropagator propagator = new OtelPropagator(sdk.getPropagators(), otel);
        observations.observationConfig().observationHandler(new FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                new DefaultTracingObservationHandler(tracer)));
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aFailedCallIsAnErrorSpanWithItsErrorTypeAndNoTokenFigures() {
        GenAiTelemetry telemetry = new GenAiTelemetry(observations, meters, false);

        try (GenAiTelemetry.Call call = telemetry.chat(Provider.GOOGLE, "gemini-2.5-pro",
                List.of(UserMessage.from("hi")), new ChatOptions(0.2, null, 512, null, null))) {
            call.failed("rate_limited");
        }

        SpanData span = only("chat gemini-2.5-pro");
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getEvents()).as("no exception event, whose message could say too much").isEmpty();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("rate_limited");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("gcp.gemini");
        assertThat(span.getAttributes().get(AttributeKey.doubleKey("gen_ai.request.temperature"))).isEqualTo(0.2);
        assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.request.max_tokens"))).isEqualTo(512L);
        assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isNull();

        DistributionSummary duration = meters.find("gen_ai.client.operation.duration")
                .tag("error.type", "rate_limited").tag("gen_ai.provider.name", "gcp.gemini").summary();
        assertThat(duration).isNotNull();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(meters.find("gen_ai.client.token.usage").summaries()).as("no usage on a failed call").isEmpty();
    }

    @Test
    void nothingIsObservedWhenNoSpanIsSampledAndNoRegistryKeepsTheMeters() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompositeMeterRegistry scrapedOnly = new CompositeMeterRegistry(Clock.SYSTEM, List.of(prometheus));
        assertThat(GenAiTelemetry.keepsGenAiMeters(scrapedOnly)).isFalse();
        assertThat(GenAiTelemetry.keepsGenAiMeters(prometheus)).isFalse();
        assertThat(GenAiTelemetry.keepsGenAiMeters(new CompositeMeterRegistry(Clock.SYSTEM, List.of(prometheus, meters))))
                .as("an exporting registry next to the scrape").isTrue();

        GenAiTelemetry telemetry = new GenAiTelemetry(observations, scrapedOnly, true, 0.0);
        try (GenAiTelemetry.Agent agent = telemetry.agent(UUID.randomUUID(), Provider.OPENAI, "gpt-4o-mini")) {
            assertThat(observations.getCurrentObservation()).as("no observation opened").isNull();
            try (GenAiTelemetry.Call call = telemetry.chat(Provider.OPENAI, "gpt-4o-mini",
                    List.of(UserMessage.from("hi")), new ChatOptions(0.2, null, 512, null, null))) {
                assertThat(observations.getCurrentObservation()).isNull();
                call.answered(new ChatTurn(AiMessage.from("ok"), new TokenCounts(100, 10, 40, 0, true), "stop",
                        5, 1, "gpt-4o-mini"));
            }
            try (GenAiTelemetry.Tool tool = telemetry.tool("list_coins", "call_1", "{}")) {
                tool.result("{}", true);
            }
            telemetry.sessionEnded("limit_reached");
        }
        provider.forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(exported).isEmpty();
        assertThat(scrapedOnly.getMeters()).isEmpty();

        // sampled: observed again, whatever the registries
        GenAiTelemetry sampled = new GenAiTelemetry(observations, scrapedOnly, false, 1.0);
        try (GenAiTelemetry.Call call = sampled.chat(Provider.OPENAI, "gpt-4o-mini", List.of(), null)) {
            call.failed("timeout");
        }
        assertThat(only("chat gpt-4o-mini")).isNotNull();
    }

    @Test
    void aSessionIsTheRootOfItsCallsAndToolsAndCarriesTheirTotalsAndHowItEnded() {
        GenAiTelemetry telemetry = new GenAiTelemetry(observations, meters, false);
        UUID session = UUID.randomUUID();

        try (GenAiTelemetry.Agent agent = telemetry.agent(session, Provider.BEDROCK, "anthropic.claude-3-5-haiku")) {
            for (int i = 0; i < 2; i++) {
                try (GenAiTelemetry.Call call = telemetry.chat(Provider.BEDROCK, "anthropic.claude-3-5-haiku",
                        List.of(UserMessage.from("hi")), null)) {
                    call.answered(new ChatTurn(AiMessage.from("ok"), new TokenCounts(100, 10, 40, 0, true), "stop",
                            5, 1, "anthropic.claude-3-5-haiku-20241022-v1:0"));
                }
            }
            try (GenAiTelemetry.Tool tool = telemetry.tool("compare_coins", "call_9", "{\"symbols\":[\"BTC\"]}")) {
                tool.result("{\"error\":\"2 to 10 coin symbols\"}", true);
            }
            telemetry.sessionEnded("limit_reached");
        }

        SpanData root = only("invoke_agent BYOM Lab analyst");
        assertThat(root.getParentSpanContext().isValid()).isFalse();
        assertThat(root.getAttributes().get(AttributeKey.stringKey("gen_ai.conversation.id")))
                .isEqualTo(session.toString());
        assertThat(root.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("aws.bedrock");
        assertThat(root.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(200L);
        assertThat(root.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(20L);
        assertThat(root.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("limit_reached");
        assertThat(root.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        List<SpanData> calls = exported.stream().filter(s -> s.getName().equals("chat anthropic.claude-3-5-haiku"))
                .toList();
        assertThat(calls).hasSize(2).allSatisfy(call -> {
            assertThat(call.getParentSpanId()).isEqualTo(root.getSpanId());
            assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model")))
                    .isEqualTo("anthropic.claude-3-5-haiku-20241022-v1:0");
            assertThat(call.getAttributes().get(AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens")))
                    .isEqualTo(40L);
        });
        SpanData tool = only("execute_tool compare_coins");
        assertThat(tool.getParentSpanId()).isEqualTo(root.getSpanId());
        assertThat(tool.getKind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(tool.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("tool_error");
        assertThat(tool.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.arguments"))).isNull();

        assertThat(meters.find("gen_ai.client.token.usage").tag("gen_ai.token.type", "input")
                .tag("gen_ai.response.model", "anthropic.claude-3-5-haiku-20241022-v1:0").summary().totalAmount())
                .isEqualTo(200);
    }

    @Test
    void contentOnlyWhenTheOperatorOptsIn() {
        List<ChatMessage> messages = List.of(SystemMessage.from("You are a market analyst."),
                UserMessage.from("secret plans for BTC"));
        for (boolean capture : new boolean[] {false, true}) {
            GenAiTelemetry telemetry = new GenAiTelemetry(observations, meters, capture);
            try (GenAiTelemetry.Call call = telemetry.chat(Provider.OPENAI, "gpt-4o", messages, null)) {
                call.answered(new ChatTurn(AiMessage.from("BTC rose."), new TokenCounts(1, 1, 0, 0, true), "stop",
                        1, 1));
            }
            try (GenAiTelemetry.Tool tool = telemetry.tool("list_coins", "c1", "{}")) {
                tool.result("[\"BTC\"]", false);
            }
        }
        List<SpanData> calls = exported.stream().filter(s -> s.getName().equals("chat gpt-4o")).toList();
        List<SpanData> tools = exported.stream().filter(s -> s.getName().equals("execute_tool list_coins")).toList();

        assertThat(calls.get(0).getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
                .noneMatch(k -> k.endsWith(".messages") || k.equals("gen_ai.system_instructions"));
        assertThat(tools.get(0).getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.result"))).isNull();
        assertThat(calls.get(1).getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages")))
                .contains("secret plans for BTC");
        assertThat(calls.get(1).getAttributes().get(AttributeKey.stringKey("gen_ai.system_instructions")))
                .contains("You are a market analyst.");
        assertThat(calls.get(1).getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages")))
                .contains("BTC rose.");
        assertThat(tools.get(1).getAttributes().get(AttributeKey.stringKey("gen_ai.tool.call.result")))
                .isEqualTo("[\"BTC\"]");
    }

    private SpanData only(String name) {
        List<SpanData> named = exported.stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as(name).hasSize(1);
        return named.get(0);
    }
}
