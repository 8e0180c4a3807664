package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
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
        var grpc = daemon.receiver("otlp", "grpc");
        SpanExporter exporter = OtlpGrpcSpanExporter.builder()
                .setEndpoint("http://" + grpc.getHostString() + ":" + grpc.getPort()).build();
        assertRichTraceArrives(exporter);
    }

    @Test
    void spansFromTheSdkOverHttpProtobufArriveWithEveryField() {
        var http = daemon.receiver("otlp", "http");
        SpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint("http://" + http.getHostString() + ":" + http.getPort() + "/v1/traces").build();
        assertRichTraceArrives(exporter);
    }

    private void assertRichTraceArrives(SpanExporter exporter) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), "checkout",
                        AttributeKey.stringKey("deployment.environment"), "prod")))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        Tracer tracer = provider.get("io.tributary.e2e", "1.2.3");
        String traceId;
        String parentId;
        String childId;
        Span linked = tracer.spanBuilder("linked").startSpan();
        linked.end();
        Span parent = tracer.spanBuilder("GET /checkout").setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(1_700_000_000_000_000_000L, TimeUnit.NANOSECONDS).startSpan();
        try (Scope ignored = parent.makeCurrent()) {
            Span child = tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT)
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
            childId = child.getSpanContext().getSpanId();
        }
        parent.end(1_700_000_001_000_000_000L, TimeUnit.NANOSECONDS);
        traceId = parent.getSpanContext().getTraceId();
        parentId = parent.getSpanContext().getSpanId();
        CompletableResultCode flushed = provider.forceFlush().join(10, TimeUnit.SECONDS);
        assertThat(flushed.isSuccess()).as("SDK export succeeded").isTrue();
        provider.shutdown().join(10, TimeUnit.SECONDS);

        backend.awaitSpans(3, WAIT);
        assertThat(backend.spanCount()).as("each span arrives exactly once").isEqualTo(3);
        ResourceSpans rs = backend.resourceSpans().get(0);
        assertThat(attrs(rs.getResource().getAttributesList()))
                .containsEntry("service.name", str("checkout"))
                .containsEntry("deployment.environment", str("prod"));
        Map<String, io.opentelemetry.proto.trace.v1.Span> byName = backend.resourceSpans().stream()
                .flatMap(r -> r.getScopeSpansList().stream())
                .peek(ss -> assertThat(ss.getScope().getName()).isEqualTo("io.tributary.e2e"))
                .peek(ss -> assertThat(ss.getScope().getVersion()).isEqualTo("1.2.3"))
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
        assertThat(attrs(client.getAttributesList()))
                .containsEntry("db.system", str("postgresql"))
                .containsEntry("db.rows", AnyValue.newBuilder().setIntValue(42).build())
                .containsEntry("db.ratio", AnyValue.newBuilder().setDoubleValue(0.5).build())
                .containsEntry("db.cached", AnyValue.newBuilder().setBoolValue(true).build());
        assertThat(attrs(client.getAttributesList()).get("db.tables").getArrayValue().getValuesList())
                .containsExactly(str("orders"), str("lines"));
        assertThat(attrs(client.getAttributesList()).get("db.shards").getArrayValue().getValuesList())
                .extracting(AnyValue::getIntValue).containsExactly(1L, 2L);
        assertThat(client.getEventsList()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("retry");
            assertThat(attrs(e.getAttributesList())).containsEntry("attempt", AnyValue.newBuilder().setIntValue(2).build());
        });
        assertThat(client.getLinksList()).singleElement().satisfies(l -> {
            assertThat(hex(l.getSpanId().toByteArray())).isEqualTo(linked.getSpanContext().getSpanId());
            assertThat(attrs(l.getAttributesList())).containsEntry("link.kind", str("follows"));
        });
        assertThat(client.getStatus().getCode())
                .isEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(client.getStatus().getMessage()).isEqualTo("deadlock detected");
    }

    static Map<String, AnyValue> attrs(List<KeyValue> kvs) {
        return kvs.stream().collect(Collectors.toMap(KeyValue::getKey, KeyValue::getValue));
    }

    static AnyValue str(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
