package com.byomlab.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP receiver, as a collector (or Jaeger, Tempo, Langfuse) is one: {@code POST /v1/traces} and
 * {@code POST /v1/metrics} with binary protobuf bodies, decoded with the official {@code opentelemetry-proto}
 * classes. It keeps every span, the latest metric exports (cumulative: the latest holds the totals), and the secrets
 * it was told to watch for that appeared in any byte it received.
 */
public final class OtlpReceiver {

    private static final int METRIC_EXPORTS_KEPT = 20;
    /** The whole suite exports here (a span per HTTP request too): the newest spans are kept, enough for a test. */
    private static final int SPANS_KEPT = 20_000;

    private final HttpServer server;
    private final Deque<ResourceSpanRecord> spans = new ArrayDeque<>();
    private final Deque<ExportMetricsServiceRequest> metrics = new ArrayDeque<>();
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final Set<String> leaked = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytes = new AtomicLong();

    /** A span with the resource (service) that sent it. */
    public record ResourceSpanRecord(Map<String, AnyValue> resource, Span span) {
    }

    private OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/traces", exchange -> receive(exchange, true));
        server.createContext("/v1/metrics", exchange -> receive(exchange, false));
        server.start();
    }

    public static OtlpReceiver start() {
        return new OtlpReceiver();
    }

    /** What OTEL_EXPORTER_OTLP_ENDPOINT is set to: the signals' paths are added by the exporter. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on, any received byte sequence equal to {@code secret} (UTF-8) is a leak. */
    public void watchFor(String secret) {
        watched.add(secret);
    }

    public Set<String> leaked() {
        return Set.copyOf(leaked);
    }

    public long bytesReceived() {
        return bytes.get();
    }

    public List<ResourceSpanRecord> spans() {
        synchronized (spans) {
            return List.copyOf(spans);
        }
    }

    /** The newest export that has a metric of this name. */
    public Optional<Metric> latestMetric(String name) {
        List<ExportMetricsServiceRequest> newestFirst;
        synchronized (metrics) {
            newestFirst = new ArrayList<>(metrics);
        }
        for (ExportMetricsServiceRequest export : newestFirst) {
            for (ResourceMetrics rm : export.getResourceMetricsList()) {
                for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                    for (Metric metric : sm.getMetricsList()) {
                        if (metric.getName().equals(name)) {
                            return Optional.of(metric);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    public static Map<String, AnyValue> attributes(List<KeyValue> keyValues) {
        Map<String, AnyValue> out = new java.util.LinkedHashMap<>();
        keyValues.forEach(kv -> out.put(kv.getKey(), kv.getValue()));
        return out;
    }

    private void receive(HttpExchange exchange, boolean traces) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    body = in.readAllBytes();
                }
            }
            bytes.addAndGet(body.length);
            scan(body);
            // headers are bytes received too: an exporter must never send a key in them
            exchange.getRequestHeaders().forEach((name, values) -> values.forEach(v -> scan(
                    (name + ": " + v).getBytes(StandardCharsets.UTF_8))));
            if (traces) {
                List<ResourceSpanRecord> received = new ArrayList<>();
                for (ResourceSpans rs : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
                    Map<String, AnyValue> resource = attributes(rs.getResource().getAttributesList());
                    for (ScopeSpans ss : rs.getScopeSpansList()) {
                        ss.getSpansList().forEach(span -> received.add(new ResourceSpanRecord(resource, span)));
                    }
                }
                synchronized (spans) {
                    spans.addAll(received);
                    while (spans.size() > SPANS_KEPT) {
                        spans.removeFirst();
                    }
                }
            } else {
                ExportMetricsServiceRequest export = ExportMetricsServiceRequest.parseFrom(body);
                synchronized (metrics) {
                    metrics.addFirst(export);
                    while (metrics.size() > METRIC_EXPORTS_KEPT) {
                        metrics.removeLast();
                    }
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1); // an empty Export*ServiceResponse: everything accepted
        }
    }

    private void scan(byte[] received) {
        for (String secret : watched) {
            if (indexOf(received, secret.getBytes(StandardCharsets.UTF_8)) >= 0) {
                leaked.add(secret);
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
