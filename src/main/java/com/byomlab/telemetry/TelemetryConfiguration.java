package com.byomlab.telemetry;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** How the GenAI observations meet Micrometer's metrics. */
@Configuration(proxyBeanMethods = false)
class TelemetryConfiguration {

    /**
     * The GenAI observations record the conventions' own metrics ({@link GenAiTelemetry}): this handler takes them
     * first among the meter handlers (Spring Boot asks those in order and the first that supports a context wins), so
     * that Micrometer's default handler does not add a timer of its own per observation name.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    MeterObservationHandler<Observation.Context> genAiMetersRecordedByTelemetry() {
        return new MeterObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return context instanceof GenAiTelemetry.GenAiContext;
            }
        };
    }

    /**
     * The gen_ai metrics go to OTLP only. Prometheus wants one set of tag keys per name, while the conventions add
     * {@code error.type} only to failed calls; the scrape has the same figures as {@code byom_llm_*} already.
     */
    @Bean
    MeterRegistryCustomizer<PrometheusMeterRegistry> genAiMetricsNotScraped() {
        return registry -> registry.config().meterFilter(MeterFilter.denyNameStartsWith("gen_ai."));
    }
}
