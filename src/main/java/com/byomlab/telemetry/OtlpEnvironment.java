package com.byomlab.telemetry;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the standard OpenTelemetry exporter variables (what Jaeger, Tempo, Langfuse and every collector document) and
 * turns them into Spring Boot's own export settings, which Spring Boot 4.0 does not read from them itself:
 * <ul>
 *   <li>{@code OTEL_EXPORTER_OTLP_ENDPOINT} (base URL; {@code /v1/traces} and {@code /v1/metrics} are added), or
 *       {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} / {@code OTEL_EXPORTER_OTLP_METRICS_ENDPOINT} (used as given);</li>
 *   <li>{@code OTEL_EXPORTER_OTLP_PROTOCOL}: {@code http/protobuf} (the default, and the only one exported);</li>
 *   <li>{@code OTEL_EXPORTER_OTLP_HEADERS} (and the per-signal variants): {@code key=value,...}, e.g. Langfuse's
 *       {@code Authorization=Basic ...};</li>
 *   <li>{@code OTEL_SDK_DISABLED=true}, {@code OTEL_TRACES_EXPORTER=none}, {@code OTEL_METRICS_EXPORTER=none}.</li>
 * </ul>
 * Nothing set: nothing is exported and nothing tries to (no exporter, no OTLP meter registry retrying a default
 * localhost address, no span sampled, no tracing observation handler unless the operator samples spans through
 * {@code management.tracing.sampling.probability}). Added with the lowest precedence, so Spring Boot's own {@code management.*}
 * properties win. Header values are credentials: they go into the settings and are never logged.
 */
class OtlpEnvironment implements EnvironmentPostProcessor {

    static final String TRACES_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String TRACES_HEADERS = "management.opentelemetry.tracing.export.otlp.headers";
    static final String SAMPLING = "management.tracing.sampling.probability";
    static final String METRICS_URL = "management.otlp.metrics.export.url";
    static final String METRICS_ENABLED = "management.otlp.metrics.export.enabled";
    static final String METRICS_HEADERS = "management.otlp.metrics.export.headers";
    static final String AUTOCONFIGURE_EXCLUDE = "spring.autoconfigure.exclude";
    /** Micrometer Tracing's observation handlers: a span, its scope and its propagation per request and call. */
    static final String TRACING_HANDLERS =
            "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration";

    private final Log log;

    OtlpEnvironment(DeferredLogFactory logs) {
        this.log = logs.getLog(OtlpEnvironment.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        env.getPropertySources().addLast(new MapPropertySource("otel-exporter-variables", settings(env)));
    }

    Map<String, Object> settings(Environment env) {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean disabled = "true".equalsIgnoreCase(value(env, "OTEL_SDK_DISABLED"));
        String protocol = value(env, "OTEL_EXPORTER_OTLP_PROTOCOL");
        boolean httpProtobuf = protocol == null || protocol.equals("http/protobuf");
        String traces = disabled || "none".equals(value(env, "OTEL_TRACES_EXPORTER")) ? null
                : endpoint(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "v1/traces");
        String metrics = disabled || "none".equals(value(env, "OTEL_METRICS_EXPORTER")) ? null
                : endpoint(env, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "v1/metrics");
        if (!httpProtobuf && (traces != null || metrics != null)) {
            log.warn("OTEL_EXPORTER_OTLP_PROTOCOL=" + protocol + " is not supported: nothing is exported. Set it to "
                    + "http/protobuf (port 4318 on most collectors) or leave it unset.");
            traces = null;
            metrics = null;
        }
        if (traces != null) {
            out.put(TRACES_ENDPOINT, traces);
            headers(env, "OTEL_EXPORTER_OTLP_TRACES_HEADERS", TRACES_HEADERS, out);
        }
        // exported: every session and call (a session's trace with holes would mislead; sampling is the collector's
        // to do). Not exported: no span is recorded at all, so an unobserved service pays next to nothing for them.
        out.put(SAMPLING, traces != null ? "1.0" : "0.0");
        if (traces == null && nothingSampledElsewhere(env)) {
            // no span is ever sampled: no tracing handlers either, which made an unsampled span with its scope, log
            // context and propagation for every request and LLM call (about 9 KB of a gateway call's allocation)
            out.put(AUTOCONFIGURE_EXCLUDE, TRACING_HANDLERS);
        }
        if (metrics != null) {
            out.put(METRICS_URL, metrics);
            // named, so that it holds even where metrics export is off by default (Spring Boot's tests)
            out.put(METRICS_ENABLED, "true");
            headers(env, "OTEL_EXPORTER_OTLP_METRICS_HEADERS", METRICS_HEADERS, out);
        } else {
            out.put(METRICS_ENABLED, "false");
        }
        return out;
    }

    /** No sampling probability above 0 set by the operator's own {@code management.*} settings. */
    private static boolean nothingSampledElsewhere(Environment env) {
        String probability = env.getProperty(SAMPLING);
        try {
            return probability == null || Double.parseDouble(probability.trim()) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The signal's own endpoint as given, else the base endpoint with the signal's path. */
    private static String endpoint(Environment env, String signalVariable, String path) {
        String own = value(env, signalVariable);
        if (own != null) {
            return own;
        }
        String base = value(env, "OTEL_EXPORTER_OTLP_ENDPOINT");
        if (base == null) {
            return null;
        }
        return (base.endsWith("/") ? base : base + "/") + path;
    }

    /** The general headers, then the signal's own (which win on the same key), per the exporter specification. */
    private static void headers(Environment env, String signalVariable, String prefix, Map<String, Object> out) {
        for (String variable : new String[] {"OTEL_EXPORTER_OTLP_HEADERS", signalVariable}) {
            String list = value(env, variable);
            if (list == null) {
                continue;
            }
            for (String pair : list.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String key = pair.substring(0, eq).trim();
                    // percent-encoded per the specification; a '+' (as in base64) stays a '+'
                    String val = URLDecoder.decode(pair.substring(eq + 1).trim().replace("+", "%2B"),
                            StandardCharsets.UTF_8);
                    out.put(prefix + "[" + key + "]", val);
                }
            }
        }
    }

    private static String value(Environment env, String name) {
        String v = env.getProperty(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
