package com.byomlab.agent;

import com.byomlab.testsupport.ApiIntegrationTest;
import com.byomlab.testsupport.OtlpReceiver;
import com.byomlab.testsupport.OtlpReceiver.ResourceSpanRecord;
import com.byomlab.testsupport.fakes.ChatReply;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Lab session as an operator's collector receives it over OTLP/HTTP (the receiver decodes with the official
 * opentelemetry-proto classes): one trace, an invoke_agent root span with the session's LLM calls and tool runs as
 * children, in the GenAI semantic conventions, with the token figures the provider reported; the gen_ai.client.*
 * metrics with the same figures; and no key, token or prompt text in any byte exported.
 */
class SessionTelemetryTest extends ApiIntegrationTest {

    @Autowired
    SdkTracerProvider tracerProvider;

    @Test
    void aSessionIsOneTraceOfConventionalSpansAndMetricsWithTheProvidersFigures() {
        // a model name of this test's own: the cumulative metrics of other tests' calls never mix with its figures
        String model = "claude-otel-" + LabFixtures.rand().substring(0, 12);
        String key = "sk-ant-otel-" + LabFixtures.rand();
        String goal = "Which coins do you have? otel-goal-" + LabFixtures.rand();
        String token = api.newUser();
        OTLP.watchFor(key);
        OTLP.watchFor(SYSTEM_KEY);
        OTLP.watchFor(token);
        OTLP.watchFor(goal);
        ANTHROPIC.models(model);
        String credential = LabFixtures.credential(api, ANTHROPIC, token, "anthropic", key, model);
        ANTHROPIC.chat().enqueue(ChatReply.toolCall("list_coins", "{}").usage(1200, 80).cached(1000).cacheWrite(100));
        ANTHROPIC.chat().enqueue(ChatReply.text("BTC and ETH.").usage(1500, 60).cached(1200));

        String id = api.post(LabFixtures.SESSIONS, token, Map.of("user_goal", goal, "llm_credential_id", credential))
                .text("id");
        JsonNode done = LabFixtures.awaitFinal(api, token, id);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        String toolCallId = ANTHROPIC.chat().lastRequest().toolResults().get(0).toolCallId();

        tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
        LabFixtures.awaitTrue(() -> sessionSpans(id).size() >= 4, "the session's spans at the receiver");
        List<ResourceSpanRecord> spans = sessionSpans(id);
        assertThat(spans).extracting(r -> r.span().getName()).containsExactlyInAnyOrder(
                "invoke_agent BYOM Lab analyst", "chat " + model, "chat " + model, "execute_tool list_coins");
        Span root = only(spans, "invoke_agent BYOM Lab analyst");
        Span first = spans.stream().map(ResourceSpanRecord::span).filter(s -> s.getName().equals("chat " + model))
                .min((a, b) -> Long.compare(a.getStartTimeUnixNano(), b.getStartTimeUnixNano())).orElseThrow();
        Span second = spans.stream().map(ResourceSpanRecord::span)
                .filter(s -> s.getName().equals("chat " + model) && s != first).findFirst().orElseThrow();
        Span tool = only(spans, "execute_tool list_coins");

        // one trace: the session's span is its root, the calls and the tool run are its children
        assertThat(root.getParentSpanId().isEmpty()).as("the session's span is a root").isTrue();
        assertThat(root.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
        for (Span child : List.of(first, second, tool)) {
            assertThat(child.getTraceId()).isEqualTo(root.getTraceId());
            assertThat(child.getParentSpanId()).isEqualTo(root.getSpanId());
        }
        assertThat(spans).allSatisfy(r -> assertThat(r.resource().get("service.name").getStringValue())
                .isEqualTo("byom-lab"));
        Map<String, AnyValue> agent = OtlpReceiver.attributes(root.getAttributesList());
        assertThat(agent.get("gen_ai.operation.name").getStringValue()).isEqualTo("invoke_agent");
        assertThat(agent.get("gen_ai.provider.name").getStringValue()).isEqualTo("anthropic");
        assertThat(agent.get("gen_ai.agent.name").getStringValue()).isEqualTo("BYOM Lab analyst");
        assertThat(agent.get("gen_ai.request.model").getStringValue()).isEqualTo(model);
        assertThat(agent.get("gen_ai.usage.input_tokens").getIntValue()).isEqualTo(1200 + 1500);
        assertThat(agent.get("gen_ai.usage.output_tokens").getIntValue()).isEqualTo(80 + 60);
        assertThat(agent).doesNotContainKey("error.type");

        // each call: a CLIENT span with the request, the answering model and the figures the provider reported
        assertThat(first.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        Map<String, AnyValue> call = OtlpReceiver.attributes(first.getAttributesList());
        assertThat(call.get("gen_ai.operation.name").getStringValue()).isEqualTo("chat");
        assertThat(call.get("gen_ai.provider.name").getStringValue()).isEqualTo("anthropic");
        assertThat(call.get("gen_ai.request.model").getStringValue()).isEqualTo(model);
        assertThat(call.get("gen_ai.response.model").getStringValue()).isEqualTo(model);
        assertThat(call.get("gen_ai.usage.input_tokens").getIntValue()).isEqualTo(1200);
        assertThat(call.get("gen_ai.usage.output_tokens").getIntValue()).isEqualTo(80);
        assertThat(call.get("gen_ai.usage.cache_read.input_tokens").getIntValue()).isEqualTo(1000);
        assertThat(call.get("gen_ai.usage.cache_creation.input_tokens").getIntValue()).isEqualTo(100);
        assertThat(call.get("gen_ai.response.finish_reasons").getArrayValue().getValues(0).getStringValue())
                .isEqualTo("tool_calls");
        assertThat(call).doesNotContainKeys("error.type", "gen_ai.input.messages", "gen_ai.output.messages",
                "gen_ai.system_instructions");
        assertThat(first.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        Map<String, AnyValue> answer = OtlpReceiver.attributes(second.getAttributesList());
        assertThat(answer.get("gen_ai.usage.input_tokens").getIntValue()).isEqualTo(1500);
        assertThat(answer.get("gen_ai.usage.output_tokens").getIntValue()).isEqualTo(60);
        assertThat(answer.get("gen_ai.usage.cache_read.input_tokens").getIntValue()).isEqualTo(1200);
        assertThat(answer.get("gen_ai.response.finish_reasons").getArrayValue().getValues(0).getStringValue())
                .isEqualTo("stop");

        // the tool run, paired with the model's call by its id; its arguments and result are content: not recorded
        assertThat(tool.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_INTERNAL);
        Map<String, AnyValue> run = OtlpReceiver.attributes(tool.getAttributesList());
        assertThat(run.get("gen_ai.operation.name").getStringValue()).isEqualTo("execute_tool");
        assertThat(run.get("gen_ai.tool.name").getStringValue()).isEqualTo("list_coins");
        assertThat(run.get("gen_ai.tool.type").getStringValue()).isEqualTo("function");
        assertThat(run.get("gen_ai.tool.call.id").getStringValue()).isEqualTo(toolCallId);
        assertThat(run).doesNotContainKeys("gen_ai.tool.call.arguments", "gen_ai.tool.call.result");

        // the metrics, with the conventions' names, units, buckets and attributes, and the same figures
        LabFixtures.awaitTrue(() -> point("gen_ai.client.operation.duration", model, Map.of())
                .filter(p -> p.getCount() == 2).isPresent(), "both calls in gen_ai.client.operation.duration");
        Metric duration = OTLP.latestMetric("gen_ai.client.operation.duration").orElseThrow();
        assertThat(duration.getUnit()).isEqualTo("s");
        HistogramDataPoint timing = point("gen_ai.client.operation.duration", model, Map.of()).orElseThrow();
        assertThat(timing.getExplicitBoundsList()).containsExactly(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28,
                2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
        Map<String, AnyValue> tags = OtlpReceiver.attributes(timing.getAttributesList());
        assertThat(tags.get("gen_ai.operation.name").getStringValue()).isEqualTo("chat");
        assertThat(tags.get("gen_ai.provider.name").getStringValue()).isEqualTo("anthropic");
        assertThat(tags.get("gen_ai.response.model").getStringValue()).isEqualTo(model);
        assertThat(tags).doesNotContainKey("error.type");

        LabFixtures.awaitTrue(() -> point("gen_ai.client.token.usage", model, Map.of("gen_ai.token.type", "output"))
                .filter(p -> p.getCount() == 2).isPresent(), "both calls in gen_ai.client.token.usage");
        assertThat(OTLP.latestMetric("gen_ai.client.token.usage").orElseThrow().getUnit()).isEqualTo("{token}");
        HistogramDataPoint input = point("gen_ai.client.token.usage", model, Map.of("gen_ai.token.type", "input"))
                .orElseThrow();
        HistogramDataPoint output = point("gen_ai.client.token.usage", model, Map.of("gen_ai.token.type", "output"))
                .orElseThrow();
        assertThat(input.getCount()).isEqualTo(2);
        assertThat(input.getSum()).isEqualTo(1200 + 1500);
        assertThat(output.getSum()).isEqualTo(80 + 60);
        assertThat(input.getExplicitBoundsList()).startsWith(1.0, 4.0, 16.0, 64.0).endsWith(67108864.0);

        // never a key, an access token or, without the operator's opt-in, the prompt
        assertThat(OTLP.bytesReceived()).isPositive();
        assertThat(OTLP.leaked()).isEmpty();
    }

    @Test
    void aGatewayRequestIsASpanWithItsCallBeneathItInTheClientsOwnTrace() throws Exception {
        String model = "claude-otel-" + LabFixtures.rand().substring(0, 12);
        String key = "sk-ant-otel-" + LabFixtures.rand();
        String login = api.newUser();
        OTLP.watchFor(key);
        ANTHROPIC.models(model);
        String credential = LabFixtures.credential(api, ANTHROPIC, login, "anthropic", key, model);
        String pat = api.post("/api/v1/users/me/tokens", login, Map.of("name", "otel", "credential_id", credential))
                .text("token");
        OTLP.watchFor(pat);
        ANTHROPIC.chat().enqueue(ChatReply.text("Hello.").usage(42, 7));
        String traceId = LabFixtures.rand();
        String clientSpanId = LabFixtures.rand().substring(0, 16);

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + pat).header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
        LabFixtures.awaitTrue(() -> inTrace(traceId).stream().anyMatch(s -> s.getName().equals("chat " + model))
                && inTrace(traceId).stream().anyMatch(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER),
                "the request's spans in the client's trace");
        List<Span> spans = inTrace(traceId);
        Span server = spans.stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER).findFirst()
                .orElseThrow();
        Span call = spans.stream().filter(s -> s.getName().equals("chat " + model)).findFirst().orElseThrow();
        assertThat(HexFormat.of().formatHex(server.getParentSpanId().toByteArray())).isEqualTo(clientSpanId);
        assertThat(call.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(call.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
        Map<String, AnyValue> attributes = OtlpReceiver.attributes(call.getAttributesList());
        assertThat(attributes.get("gen_ai.provider.name").getStringValue()).isEqualTo("anthropic");
        assertThat(attributes.get("gen_ai.usage.input_tokens").getIntValue()).isEqualTo(42);
        assertThat(attributes.get("gen_ai.usage.output_tokens").getIntValue()).isEqualTo(7);
        assertThat(OTLP.leaked()).isEmpty();
    }

    private static List<Span> inTrace(String traceIdHex) {
        return OTLP.spans().stream().map(ResourceSpanRecord::span)
                .filter(s -> HexFormat.of().formatHex(s.getTraceId().toByteArray()).equals(traceIdHex)).toList();
    }

    /** Every span of the trace whose root is the session's. */
    private static List<ResourceSpanRecord> sessionSpans(String sessionId) {
        List<ResourceSpanRecord> all = OTLP.spans();
        return all.stream().map(ResourceSpanRecord::span)
                .filter(s -> sessionId.equals(text(s, "gen_ai.conversation.id"))).findFirst()
                .map(root -> all.stream().filter(r -> r.span().getTraceId().equals(root.getTraceId())).toList())
                .orElse(List.of());
    }

    private static String text(Span span, String attribute) {
        return OtlpReceiver.attributes(span.getAttributesList())
                .getOrDefault(attribute, AnyValue.getDefaultInstance()).getStringValue();
    }

    private static Span only(List<ResourceSpanRecord> spans, String name) {
        List<Span> named = spans.stream().map(ResourceSpanRecord::span).filter(s -> s.getName().equals(name)).toList();
        assertThat(named).as("spans named " + name).hasSize(1);
        return named.get(0);
    }

    /** The latest data point of a histogram for this test's model (and the given attributes). */
    private static Optional<HistogramDataPoint> point(String metric, String model, Map<String, String> more) {
        return OTLP.latestMetric(metric).flatMap(m -> m.getHistogram().getDataPointsList().stream()
                .filter(p -> {
                    Map<String, AnyValue> a = OtlpReceiver.attributes(p.getAttributesList());
                    return model.equals(a.getOrDefault("gen_ai.request.model", AnyValue.getDefaultInstance())
                            .getStringValue()) && more.entrySet().stream().allMatch(e -> e.getValue().equals(
                            a.getOrDefault(e.getKey(), AnyValue.getDefaultInstance()).getStringValue()));
                }).findFirst());
    }
}
