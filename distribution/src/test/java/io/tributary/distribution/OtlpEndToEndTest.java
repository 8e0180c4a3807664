package io.tributary.distribution;

import static io.tributary.testkit.TestTraces.attributes;
import static io.tributary.testkit.TestTraces.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An OpenTelemetry SDK → Tributary (booted from YAML) → an OTLP backend, checking every field arrives. */
class OtlpEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

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
                      http:
                        endpoint: localhost:0
                processors:
                  batch:
                    timeout: 50ms
                exporters:
                  otlp/backend:
                    endpoint: localhost:%d
                    tls:
                      insecure: true
                    retry_on_failure:
                      initial_interval: 50ms
                      max_interval: 200ms
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [otlp/backend]
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
    void spansFromTheSdkOverGrpcArriveWithEveryField() {
        assertRichTraceArrives(daemon.grpcExporter("otlp").build());
    }

    @Test
    void spansFromTheSdkOverHttpProtobufArriveWithEveryField() {
        assertRichTraceArrives(daemon.httpExporter("otlp").build());
    }

    private void assertRichTraceArrives(SpanExporter exporter) {
        Map<String, SpanContext> sent = new HashMap<>();
        DaemonHarness.send(exporter, Attributes.of(
                AttributeKey.stringKey("service.name"), "checkout",
                AttributeKey.stringKey("deployment.environment"), "prod"), tracer -> sent.putAll(recordRichTrace(tracer)));
        String traceId = sent.get("parent").getTraceId();
        String parentId = sent.get("parent").getSpanId();
        String childId = sent.get("child").getSpanId();

        backend.awaitSpans(3, WAIT);
        assertThat(backend.spanCount()).as("each span arrives exactly once").isEqualTo(3);
        ResourceSpans rs = backend.resourceSpans().get(0);
        assertThat(attributes(rs.getResource().getAttributesList()))
                .containsEntry("service.name", string("checkout"))
                .containsEntry("deployment.environment", string("prod"));
        Map<String, io.opentelemetry.proto.trace.v1.Span> byName = backend.resourceSpans().stream()
                .flatMap(r -> r.getScopeSpansList().stream())
                .peek(ss -> assertThat(ss.getScope().getName()).isEqualTo(DaemonHarness.SCOPE))
                .peek(ss -> assertThat(ss.getScope().getVersion()).isEqualTo(DaemonHarness.SCOPE_VERSION))
                .map(ScopeSpans::getSpansList).flatMap(List::stream)
                .collect(Collectors.toMap(io.opentelemetry.proto.trace.v1.Span::getName, Function.identity()));

        var server = byName.get("GET /checkout");
        assertThat(hex(server.getTraceId().toByteArray())).isEqualTo(traceId);
        assertThat(hex(server.getSpanId().toByteArray())).isEqualTo(parentId);
        assertThat(server.getKind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(server.getStartTimeUnixNano()).isEqualTo(1_700_000_000_000_000_000L);
        assertThat(server.getEndTimeUnixNano()).isEqualTo(1_700_000_001_000_000_000L);

        var client = byName.get("SELECT orders");
        assertThat(hex(client.getSpanId().toByteArray())).isEqualTo(childId);
        assertThat(hex(client.getParentSpanId().toByteArray())).isEqualTo(parentId);
        assertThat(client.getKind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT);
        assertThat(attributes(client.getAttributesList()))
                .containsEntry("db.system", string("postgresql"))
                .containsEntry("db.rows", AnyValue.newBuilder().setIntValue(42).build())
                .containsEntry("db.ratio", AnyValue.newBuilder().setDoubleValue(0.5).build())
                .containsEntry("db.cached", AnyValue.newBuilder().setBoolValue(true).build());
        assertThat(attributes(client.getAttributesList()).get("db.tables").getArrayValue().getValuesList())
                .containsExactly(string("orders"), string("lines"));
        assertThat(attributes(client.getAttributesList()).get("db.shards").getArrayValue().getValuesList())
                .extracting(AnyValue::getIntValue).containsExactly(1L, 2L);
        assertThat(client.getEventsList()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("retry");
            assertThat(attributes(e.getAttributesList())).containsEntry("attempt", AnyValue.newBuilder().setIntValue(2).build());
        });
        assertThat(client.getLinksList()).singleElement().satisfies(l -> {
            assertThat(hex(l.getSpanId().toByteArray())).isEqualTo(sent.get("linked").getSpanId());
            assertThat(attributes(l.getAttributesList())).containsEntry("link.kind", string("follows"));
        });
        assertThat(client.getStatus().getCode())
                .isEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(client.getStatus().getMessage()).isEqualTo("deadlock detected");
    }

    /** A server span with a client child that uses every field, and a span the child links to: their contexts by role. */
    private static Map<String, SpanContext> recordRichTrace(Tracer tracer) {
        Span linked = tracer.spanBuilder("linked").startSpan();
        linked.end();
        Span parent = tracer.spanBuilder("GET /checkout").setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(1_700_000_000_000_000_000L, TimeUnit.NANOSECONDS).startSpan();
        Span child;
        try (Scope ignored = parent.makeCurrent()) {
            child = tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT)
                    .setAttribute("db.system", "postgresql")
                    .setAttribute("db.rows", 42L)
                    .setAttribute("db.ratio", 0.5)
                    .setAttribute("db.cached", true)
                    .setAttribute(AttributeKey.stringArrayKey("db.tables"), List.of("orders", "lines"))
                    .setAttribute(AttributeKey.longArrayKey("db.shards"), List.of(1L, 2L))
                    .addLink(linked.getSpanContext(), Attributes.of(AttributeKey.stringKey("link.kind"), "follows"))
                    .startSpan();
            child.addEvent("retry", Attributes.of(AttributeKey.longKey("attempt"), 2L));
            child.setStatus(StatusCode.ERROR, "deadlock detected");
            child.end();
        }
        parent.end(1_700_000_001_000_000_000L, TimeUnit.NANOSECONDS);
        return Map.of("linked", linked.getSpanContext(), "parent", parent.getSpanContext(), "child", child.getSpanContext());
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
