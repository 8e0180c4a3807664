package io.tributary.distribution;

import static io.tributary.testkit.TestTraces.attribute;
import static io.tributary.testkit.TestTraces.attributes;
import static io.tributary.testkit.TestTraces.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Daemon A (OTLP in) exports with {@code jaeger} (gRPC), {@code jaeger_thrift} (HTTP) and
 * {@code zipkin} (JSON and proto) to daemon B's {@code jaeger} and {@code zipkin} receivers, which
 * forward each path to its own OTLP backend: what A was given arrives at every backend intact, as
 * far as the legacy format can carry it.
 */
class LegacyFormatsDaemonToDaemonTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private OtlpBackend viaGrpc;
    private OtlpBackend viaThrift;
    private OtlpBackend viaZipkinJson;
    private OtlpBackend viaZipkinProto;
    private DaemonHarness b;
    private DaemonHarness a;

    @BeforeEach
    void boot() throws Exception {
        viaGrpc = OtlpBackend.start();
        viaThrift = OtlpBackend.start();
        viaZipkinJson = OtlpBackend.start();
        viaZipkinProto = OtlpBackend.start();
        b = new DaemonHarness("""
                receivers:
                  jaeger/grpc:
                    protocols:
                      grpc:
                        endpoint: localhost:0
                  jaeger/thrift:
                    protocols:
                      thrift_http:
                        endpoint: localhost:0
                  zipkin/json:
                    endpoint: localhost:0
                    parse_string_tags: true
                  zipkin/proto:
                    endpoint: localhost:0
                    parse_string_tags: true
                exporters:
                  otlp/grpc:
                    endpoint: localhost:%d
                    tls: {insecure: true}
                  otlp/thrift:
                    endpoint: localhost:%d
                    tls: {insecure: true}
                  otlp/zipkin-json:
                    endpoint: localhost:%d
                    tls: {insecure: true}
                  otlp/zipkin-proto:
                    endpoint: localhost:%d
                    tls: {insecure: true}
                service:
                  pipelines:
                    traces/grpc:
                      receivers: [jaeger/grpc]
                      exporters: [otlp/grpc]
                    traces/thrift:
                      receivers: [jaeger/thrift]
                      exporters: [otlp/thrift]
                    traces/zipkin-json:
                      receivers: [zipkin/json]
                      exporters: [otlp/zipkin-json]
                    traces/zipkin-proto:
                      receivers: [zipkin/proto]
                      exporters: [otlp/zipkin-proto]
                  telemetry:
                    metrics:
                      level: none
                """.formatted(viaGrpc.port(), viaThrift.port(), viaZipkinJson.port(), viaZipkinProto.port()));
        var grpc = b.receiver("jaeger/grpc", "grpc");
        var thrift = b.receiver("jaeger/thrift", "thrift_http");
        var zipkinJson = b.receiver("zipkin/json", "http");
        var zipkinProto = b.receiver("zipkin/proto", "http");
        a = new DaemonHarness("""
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: localhost:0
                processors:
                  batch:
                    timeout: 10ms
                exporters:
                  jaeger:
                    endpoint: localhost:%d
                    tls:
                      insecure: true
                  jaeger_thrift:
                    endpoint: http://localhost:%d/api/traces
                  zipkin/json:
                    endpoint: http://localhost:%d/api/v2/spans
                  zipkin/proto:
                    endpoint: http://localhost:%d/api/v2/spans
                    format: proto
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [jaeger, jaeger_thrift, zipkin/json, zipkin/proto]
                  telemetry:
                    metrics:
                      level: none
                """.formatted(grpc.getPort(), thrift.getPort(), zipkinJson.getPort(), zipkinProto.getPort()));
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        viaGrpc.close();
        viaThrift.close();
        viaZipkinJson.close();
        viaZipkinProto.close();
    }

    @Test
    void spansCrossEveryLegacyPathIntact() throws Exception {
        Span sent = Span.newBuilder()
                .setTraceId(ByteString.fromHex("5b8efff798038103d269b633813fc60c"))
                .setSpanId(ByteString.fromHex("eee19b7ec3c1b174"))
                .setParentSpanId(ByteString.fromHex("eee19b7ec3c1b173"))
                .setName("charge card")
                .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setStartTimeUnixNano(1_700_000_000_000_000_000L)
                .setEndTimeUnixNano(1_700_000_000_250_000_000L)
                .addAttributes(attribute("payment.provider", "acme"))
                .addAttributes(attribute("payment.attempt", AnyValue.newBuilder().setIntValue(3)))
                .addAttributes(attribute("payment.amount", AnyValue.newBuilder().setDoubleValue(12.5)))
                .addAttributes(attribute("payment.retry", AnyValue.newBuilder().setBoolValue(true)))
                .addEvents(Span.Event.newBuilder().setName("declined").setTimeUnixNano(1_700_000_000_100_000_000L)
                        .addAttributes(attribute("reason", "insufficient funds")))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("declined"))
                .build();
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder()
                        .addAttributes(attribute("service.name", "payments"))
                        .addAttributes(attribute("host.name", "node-7")))
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("io.acme.payments").setVersion("2.0"))
                        .addSpans(sent)))
                .build();
        assertThat(a.post("otlp", "application/x-protobuf", request.toByteArray()).statusCode()).isEqualTo(200);

        for (OtlpBackend backend : List.of(viaGrpc, viaThrift, viaZipkinJson, viaZipkinProto)) {
            backend.awaitSpans(1, WAIT);
            ResourceSpans rs = backend.resourceSpans().get(0);
            assertThat(attributes(rs.getResource().getAttributesList()))
                    .containsEntry("service.name", string("payments")).containsEntry("host.name", string("node-7"));
            ScopeSpans scope = rs.getScopeSpans(0);
            assertThat(scope.getScope().getName()).isEqualTo("io.acme.payments");
            assertThat(scope.getScope().getVersion()).isEqualTo("2.0");
            Span got = scope.getSpans(0);
            assertThat(got.getTraceId()).isEqualTo(sent.getTraceId());
            assertThat(got.getSpanId()).isEqualTo(sent.getSpanId());
            assertThat(got.getParentSpanId()).isEqualTo(sent.getParentSpanId());
            assertThat(got.getName()).isEqualTo("charge card");
            assertThat(got.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(got.getStartTimeUnixNano()).isEqualTo(sent.getStartTimeUnixNano());
            assertThat(got.getEndTimeUnixNano()).isEqualTo(sent.getEndTimeUnixNano());
            assertThat(got.getAttributesList()).containsAll(sent.getAttributesList());
            assertThat(got.getEventsList()).singleElement().satisfies(e -> {
                assertThat(e.getName()).isEqualTo("declined");
                assertThat(e.getTimeUnixNano()).isEqualTo(1_700_000_000_100_000_000L);
                assertThat(e.getAttributesList()).contains(attribute("reason", "insufficient funds"));
            });
            assertThat(got.getStatus()).isEqualTo(sent.getStatus());
        }
    }
}
