package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.tributary.testkit.OtlpBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's sampling config ({@code probabilistic_sampler} at 10 % before {@code batch})
 * booted from YAML: an OpenTelemetry SDK sends 1000 two-span traces over OTLP/gRPC, and the
 * backend gets exactly the traces otelcol would keep, whole, marked with their threshold.
 */
class ProbabilisticSamplerEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int TRACES = 1000;

    private OtlpBackend backend;
    private DaemonHarness daemon;

    @BeforeEach
    void setUp() throws Exception {
        backend = OtlpBackend.start();
        daemon = new DaemonHarness("""
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: localhost:0
                exporters:
                  otlp:
                    endpoint: localhost:%d
                    tls:
                      insecure: true
                processors:
                  probabilistic_sampler:
                    sampling_percentage: 10
                  batch:
                    timeout: 50ms
                service:
                  pipelines:
                    traces:
                      processors: [probabilistic_sampler, batch]
                      receivers: [otlp]
                      exporters: [otlp]
                  telemetry:
                    metrics:
                      address: localhost:0
                """.formatted(backend.port()));
    }

    @AfterEach
    void tearDown() {
        daemon.close();
        backend.close();
    }

    @Test
    void keepsExactlyTheTracesOtelcolKeepsAndEachOneWhole() throws Exception {
        var grpc = daemon.receiver("otlp", "grpc");
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpGrpcSpanExporter.builder()
                        .setEndpoint("http://" + grpc.getHostString() + ":" + grpc.getPort()).build()).build())
                .build();
        Tracer tracer = provider.get("io.tributary.e2e");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < TRACES; i++) {
            Span parent = tracer.spanBuilder("parent").startSpan();
            try (Scope ignored = parent.makeCurrent()) {
                tracer.spanBuilder("child").startSpan().end();
            }
            parent.end();
            String traceId = parent.getSpanContext().getTraceId();
            if (keptByOtelcol(traceId)) {
                expected.add(traceId);
            }
        }
        assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        provider.shutdown().join(10, TimeUnit.SECONDS);

        backend.awaitSpans(2 * expected.size(), WAIT);
        Map<String, Integer> spansPerTrace = new HashMap<>();
        backend.spans().forEach(span -> {
            spansPerTrace.merge(HexFormat.of().formatHex(span.getTraceId().toByteArray()), 1, Integer::sum);
            assertThat(span.getTraceState()).matches("ot=rv:[0-9a-f]{14};th:e668");
        });
        assertThat(spansPerTrace.keySet()).isEqualTo(expected);
        assertThat(spansPerTrace.values()).allMatch(spans -> spans == 2);
        assertThat(expected.size()).isBetween(60, 140);
        assertThat(metric("otelcol_processor_probabilistic_sampler_count_spans_processed", "true"))
                .isEqualTo(2.0 * expected.size());
        assertThat(metric("otelcol_processor_probabilistic_sampler_count_spans_processed", "false"))
                .isEqualTo(2.0 * (TRACES - expected.size()));
    }

    /**
     * otelcol's hash_seed decision, restated from its published algorithm so that this test does
     * not trust the code under test: FNV-1a 32 over the seed (0, four little-endian bytes) and the
     * 16 trace-ID bytes; kept when the low 14 bits are below trunc(10 × 163.84) = 1638.
     */
    private static boolean keptByOtelcol(String traceId) {
        int hash = 0x811c9dc5;
        for (int i = 0; i < 4; i++) {
            hash *= 0x01000193; // the seed's bytes are all zero: xor changes nothing
        }
        for (byte b : HexFormat.of().parseHex(traceId)) {
            hash = (hash ^ (b & 0xff)) * 0x01000193;
        }
        return (hash & 0x3fff) < 1638;
    }

    /** The value of the one sample of {@code name} with label {@code sampled} in the daemon's /metrics text. */
    private double metric(String name, String sampled) throws Exception {
        var address = daemon.metrics();
        String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = Pattern.compile("(?m)^" + name + "\\{[^}]*sampled=\"" + sampled + "\"[^}]*} (\\S+)$").matcher(text);
        assertThat(matcher.find()).as(name + " sampled=" + sampled + " in\n" + text).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
