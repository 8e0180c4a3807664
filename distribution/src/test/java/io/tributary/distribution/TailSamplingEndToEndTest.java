package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tail sampler in the running daemon, from the seed config: traces arrive over several OTLP
 * requests; errors, slow traces and the important endpoints arrive complete, about 10% of the
 * rest do, no trace arrives in part, and late spans follow their trace's decision.
 */
class TailSamplingEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SEED_POLICIES = """
            policies:
              - {name: errors, type: status_code, status_code: {status_codes: [ERROR]}}
              - {name: slow-traces, type: latency, latency: {threshold_ms: 1000}}
              - {name: important-endpoints, type: string_attribute, string_attribute: {key: http.url, values: ["/checkout", "/payment"]}}
              - {name: probabilistic, type: probabilistic, probabilistic: {sampling_percentage: 10}}
            """;
    private static final long MS = 1_000_000L;

    private final Random random = new Random(7);
    private OtlpBackend backend;
    private DaemonHarness daemon;

    @AfterEach
    void tearDown() {
        if (daemon != null) {
            daemon.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private void boot(String tailSampling) throws Exception {
        backend = OtlpBackend.start();
        daemon = new DaemonHarness("""
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: localhost:0
                processors:
                  tail_sampling:
                %s
                exporters:
                  otlp:
                    endpoint: localhost:%d
                    tls: {insecure: true}
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [tail_sampling]
                      exporters: [otlp]
                  telemetry:
                    metrics:
                      address: localhost:0
                """.formatted(tailSampling.indent(4), backend.port()));
    }

    @Test
    void seedConfigKeepsErrorsSlowTracesAndATenthOfTheRestWhole() throws Exception {
        boot("decision_wait: 10s\nnum_traces: 100000\n" + SEED_POLICIES);
        int traces = 400;
        Map<ByteString, String> kinds = new HashMap<>();
        List<byte[]> ids = new ArrayList<>();
        for (int i = 0; i < traces; i++) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            ids.add(id);
            kinds.put(ByteString.copyFrom(id), switch (i % 10) {
                case 0 -> "error";
                case 1 -> "slow";
                case 2 -> "checkout";
                default -> "other";
            });
        }
        // Children first, the root (and the error) in a later request.
        post(ids, kinds, 2, 3);
        post(ids, kinds, 1, 1);

        // Every trace is decided, and each kept one (3 spans) has reached the backend: comparing with
        // outgoing_items instead held at 0 == 0 between the decisions and the release.
        Await.until(() -> {
            double kept = daemon.metric("otelcol_processor_tail_sampling_global_count_traces_sampled", "sampled", "true");
            return daemon.metric("otelcol_processor_tail_sampling_global_count_traces_sampled") >= traces
                    && kept > 0 && backend.spanCount() == 3 * kept;
        }, WAIT, () -> "expected " + traces + " decisions and every kept span at the backend");
        Map<ByteString, Integer> received = spansPerTrace();
        assertThat(received.values()).as("no trace arrives in part").allMatch(spans -> spans == 3);
        for (var kind : kinds.entrySet()) {
            if (!kind.getValue().equals("other")) {
                assertThat(received).as(kind.getValue() + " traces are kept").containsKey(kind.getKey());
            }
        }
        long others = received.keySet().stream().filter(id -> kinds.get(id).equals("other")).count();
        assertThat(others).as("about 10% of the 280 other traces").isBetween(10L, 50L);

        // Late spans: one more span for every trace; only the kept traces' spans come through.
        int before = backend.spanCount();
        post(ids, kinds, 4, 4);
        Await.until(() -> backend.spanCount() >= before + received.size(), WAIT,
                () -> "late spans of kept traces, got " + (backend.spanCount() - before));
        assertThat(spansPerTrace().keySet()).isEqualTo(received.keySet());
        assertThat(spansPerTrace().values()).allMatch(spans -> spans == 4);
    }

    @Test
    void aFloodFarBeyondTheByteBudgetIsDecidedEarlyAndTheDaemonStaysUp() throws Exception {
        boot("decision_wait: 30s\nmax_buffered_bytes: 256KiB\n" + SEED_POLICIES);
        List<byte[]> ids = new ArrayList<>();
        Map<ByteString, String> kinds = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            ids.add(id);
            kinds.put(ByteString.copyFrom(id), i % 2 == 0 ? "error" : "other");
        }
        for (int from = 0; from < ids.size(); from += 200) {
            post(ids.subList(from, from + 200), kinds, 1, 3);
            assertThat(daemon.metric("tributary_processor_tail_sampling_buffered_bytes")).isLessThanOrEqualTo(256 * 1024);
        }

        assertThat(daemon.metric("tributary_processor_tail_sampling_early_decisions")).isGreaterThan(1000);
        // Of the 2000 error traces, those decided early arrive now, whole; the rest wait for decision_wait.
        Await.until(() -> spansPerTrace().size() >= 1000, WAIT, () -> "error traces decided early, got " + spansPerTrace().size());
        assertThat(spansPerTrace().values()).allMatch(spans -> spans == 3);
    }

    /** One request per trace holding spans {@code first..last} of it, the error (if any) on the root. */
    private void post(List<byte[]> ids, Map<ByteString, String> kinds, int first, int last) throws Exception {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (byte[] id : ids) {
            String kind = kinds.get(ByteString.copyFrom(id));
            for (int s = first; s <= last; s++) {
                scope.addSpans(span(id, s, kind));
            }
        }
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                                .setValue(AnyValue.newBuilder().setStringValue("shop"))))
                        .addScopeSpans(scope))
                .build();
        assertThat(daemon.post("otlp", "application/x-protobuf", request.toByteArray()).statusCode()).isEqualTo(200);
    }

    private static Span span(byte[] traceId, int spanId, String kind) {
        long start = 1_700_000_000_000L * MS;
        boolean root = spanId == 1;
        Span.Builder span = Span.newBuilder()
                .setTraceId(ByteString.copyFrom(traceId))
                .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) spanId}))
                .setName(root ? "GET" : "child-" + spanId)
                .setStartTimeUnixNano(start + spanId * MS)
                .setEndTimeUnixNano(start + (kind.equals("slow") && root ? 1500 : 50) * MS);
        if (!root) {
            span.setParentSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 1}));
        }
        if (root && kind.equals("error")) {
            span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
        }
        if (root) {
            span.addAttributes(KeyValue.newBuilder().setKey("http.url")
                    .setValue(AnyValue.newBuilder().setStringValue(kind.equals("checkout") ? "/checkout" : "/catalog")));
        }
        return span.build();
    }

    private Map<ByteString, Integer> spansPerTrace() {
        Map<ByteString, Integer> counts = new HashMap<>();
        backend.spans().forEach(span -> counts.merge(span.getTraceId(), 1, Integer::sum));
        return counts;
    }
}
