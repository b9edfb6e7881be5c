package com.byomlab.telemetry;

import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.mock.env.MockEnvironment;

import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The standard OTEL_EXPORTER_OTLP_* variables, as Spring Boot's export settings. */
class OtlpEnvironmentTest {

    private static final Map.Entry<String, Object> UNTRACED =
            Map.entry(OtlpEnvironment.AUTOCONFIGURE_EXCLUDE, OtlpEnvironment.TRACING_HANDLERS);

    private final OtlpEnvironment mapping = new OtlpEnvironment((DeferredLogFactory) Supplier::get);

    @Test
    void withoutAnEndpointNothingIsExportedAndNothingTries() {
        Map<String, Object> settings = mapping.settings(new MockEnvironment());

        // no span exporter is made without its endpoint; the OTLP meter registry would push to localhost:4318
        assertThat(settings).containsOnly(Map.entry(OtlpEnvironment.METRICS_ENABLED, "false"),
                Map.entry(OtlpEnvironment.SAMPLING, "0.0"), UNTRACED);
    }

    @Test
    void tracingHandlersStayWhenSpansAreExportedOrTheOperatorSamplesThemOtherwise() {
        assertThat(mapping.settings(new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://tempo:4318/v1/traces")))
                .doesNotContainKey(OtlpEnvironment.AUTOCONFIGURE_EXCLUDE);
        // e.g. a Zipkin endpoint of Spring Boot's own settings, sampled by the operator's own probability
        assertThat(mapping.settings(new MockEnvironment().withProperty(OtlpEnvironment.SAMPLING, "0.25")))
                .doesNotContainKey(OtlpEnvironment.AUTOCONFIGURE_EXCLUDE);
        assertThat(mapping.settings(new MockEnvironment().withProperty(OtlpEnvironment.SAMPLING, "0")))
                .contains(UNTRACED);
    }

    @Test
    void theBaseEndpointGetsEachSignalsPathAndTheHeadersGoToBoth() {
        Map<String, Object> settings = mapping.settings(new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "https://cloud.langfuse.com/api/public/otel/")
                .withProperty("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .withProperty("OTEL_EXPORTER_OTLP_HEADERS", "Authorization=Basic cGs6c2s+Lw==,x-scope=a%20b"));

        assertThat(settings).containsEntry(OtlpEnvironment.TRACES_ENDPOINT,
                        "https://cloud.langfuse.com/api/public/otel/v1/traces")
                .containsEntry(OtlpEnvironment.METRICS_URL, "https://cloud.langfuse.com/api/public/otel/v1/metrics")
                // percent-decoded, but a base64 '+' stays one
                .containsEntry(OtlpEnvironment.TRACES_HEADERS + "[Authorization]", "Basic cGs6c2s+Lw==")
                .containsEntry(OtlpEnvironment.METRICS_HEADERS + "[Authorization]", "Basic cGs6c2s+Lw==")
                .containsEntry(OtlpEnvironment.TRACES_HEADERS + "[x-scope]", "a b")
                .containsEntry(OtlpEnvironment.SAMPLING, "1.0")
                .containsEntry(OtlpEnvironment.METRICS_ENABLED, "true");
    }

    @Test
    void aSignalsOwnEndpointIsUsedAsGivenAndEitherSignalCanBeSwitchedOff() {
        Map<String, Object> settings = mapping.settings(new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
                .withProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://tempo:4318/v1/traces")
                .withProperty("OTEL_METRICS_EXPORTER", "none"));

        assertThat(settings).containsEntry(OtlpEnvironment.TRACES_ENDPOINT, "http://tempo:4318/v1/traces")
                .containsEntry(OtlpEnvironment.METRICS_ENABLED, "false")
                .doesNotContainKey(OtlpEnvironment.METRICS_URL);
    }

    @Test
    void aProtocolOtherThanHttpProtobufOrADisabledSdkExportsNothing() {
        assertThat(mapping.settings(new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")
                .withProperty("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
                .containsOnly(Map.entry(OtlpEnvironment.METRICS_ENABLED, "false"),
                        Map.entry(OtlpEnvironment.SAMPLING, "0.0"), UNTRACED);
        assertThat(mapping.settings(new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
                .withProperty("OTEL_SDK_DISABLED", "true")))
                .containsOnly(Map.entry(OtlpEnvironment.METRICS_ENABLED, "false"),
                        Map.entry(OtlpEnvironment.SAMPLING, "0.0"), UNTRACED);
    }
}
