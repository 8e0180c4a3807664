package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
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
        Set<String> expected = new HashSet<>();
        DaemonHarness.send(daemon.grpcExporter("otlp").build(), Attributes.empty(), tracer -> {
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
        });

        backend.awaitSpans(2 * expected.size(), WAIT);
        Map<String, Integer> spansPerTrace = new HashMap<>();
        backend.spans().forEach(span -> {
            spansPerTrace.merge(HexFormat.of().formatHex(span.getTraceId().toByteArray()), 1, Integer::sum);
            assertThat(span.getTraceState()).matches("ot=rv:[0-9a-f]{14};th:e668");
        });
        assertThat(spansPerTrace.keySet()).isEqualTo(expected);
        assertThat(spansPerTrace.values()).allMatch(spans -> spans == 2);
        assertThat(expected.size()).isBetween(60, 140);
        assertThat(daemon.metric("otelcol_processor_probabilistic_sampler_count_traces_sampled", "sampled", "true"))
                .isEqualTo(2.0 * expected.size());
        assertThat(daemon.metric("otelcol_processor_probabilistic_sampler_count_traces_sampled", "sampled", "false"))
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
}
