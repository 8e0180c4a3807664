package io.tributary.distribution;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.testkit.OtlpBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Daemon A (OTLP in) exports with {@code otlphttp} as protobuf and as JSON to daemon B's OTLP/HTTP
 * receivers, and with {@code file} to a JSON-lines file, which is then replayed into B: each path
 * delivers the request unchanged, so our OTLP/JSON is what our receiver (and the spec) reads.
 */
class OtlpHttpAndFileDaemonToDaemonTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ExportTraceServiceRequest REQUEST = request();

    private final OtlpBackend viaProto = OtlpBackend.start();
    private final OtlpBackend viaJson = OtlpBackend.start();
    private final OtlpBackend viaFile = OtlpBackend.start();
    private DaemonHarness a;
    private DaemonHarness b;

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        viaProto.close();
        viaJson.close();
        viaFile.close();
    }

    @Test
    void protobufJsonAndTheReplayedFileDeliverTheRequestUnchanged(@TempDir Path dir) throws Exception {
        b = new DaemonHarness("""
                receivers:
                  otlp/proto: {protocols: {http: {endpoint: localhost:0}}}
                  otlp/json: {protocols: {http: {endpoint: localhost:0}}}
                  otlp/file: {protocols: {http: {endpoint: localhost:0}}}
                exporters:
                  otlp/proto: {endpoint: localhost:%d, tls: {insecure: true}}
                  otlp/json: {endpoint: localhost:%d, tls: {insecure: true}}
                  otlp/file: {endpoint: localhost:%d, tls: {insecure: true}}
                service:
                  pipelines:
                    traces/proto: {receivers: [otlp/proto], exporters: [otlp/proto]}
                    traces/json: {receivers: [otlp/json], exporters: [otlp/json]}
                    traces/file: {receivers: [otlp/file], exporters: [otlp/file]}
                  telemetry: {metrics: {level: none}}
                """.formatted(viaProto.port(), viaJson.port(), viaFile.port()));
        Path file = dir.resolve("spans.json");
        a = new DaemonHarness("""
                receivers:
                  otlp: {protocols: {http: {endpoint: localhost:0}}}
                exporters:
                  otlphttp/proto:
                    endpoint: http://localhost:%d
                  otlp_http/json:
                    endpoint: http://localhost:%d
                    encoding: json
                    compression: zstd
                  file:
                    path: %s
                    flush_interval: 10ms
                service:
                  pipelines:
                    traces: {receivers: [otlp], exporters: [otlphttp/proto, otlp_http/json, file]}
                  telemetry: {metrics: {level: none}}
                """.formatted(b.receiver("otlp/proto", "http").getPort(), b.receiver("otlp/json", "http").getPort(), file));

        assertThat(a.post("otlp", "application/x-protobuf", REQUEST.toByteArray()).statusCode()).isEqualTo(200);

        viaProto.awaitSpans(2, WAIT);
        viaJson.awaitSpans(2, WAIT);
        assertThat(viaProto.requests()).singleElement().extracting(OtlpBackend.Received::request).isEqualTo(REQUEST);
        assertThat(viaJson.requests()).singleElement().extracting(OtlpBackend.Received::request).isEqualTo(REQUEST);

        a.close();
        a = null;
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        assertThat(b.post("otlp/file", "application/json", lines.get(0).getBytes()).statusCode()).isEqualTo(200);
        viaFile.awaitSpans(2, WAIT);
        assertThat(viaFile.requests()).singleElement().extracting(OtlpBackend.Received::request).isEqualTo(REQUEST);
    }

    private static ExportTraceServiceRequest request() {
        Span.Builder span = Span.newBuilder()
                .setTraceId(ByteString.fromHex("5b8efff798038103d269b633813fc60c"))
                .setSpanId(ByteString.fromHex("eee19b7ec3c1b174"))
                .setParentSpanId(ByteString.fromHex("eee19b7ec3c1b173"))
                .setTraceState("vendor=x")
                .setFlags(257)
                .setName("charge card")
                .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setStartTimeUnixNano(1_700_000_000_000_000_000L)
                .setEndTimeUnixNano(1_700_000_000_250_000_000L)
                .addAttributes(attribute("payment.attempt", AnyValue.newBuilder().setIntValue(3)))
                .addAttributes(attribute("payment.amount", AnyValue.newBuilder().setDoubleValue(12.5)))
                .addAttributes(attribute("payment.tags", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setStringValue("a")).addValues(AnyValue.newBuilder().setBoolValue(true)))))
                .addAttributes(attribute("payment.raw", AnyValue.newBuilder().setBytesValue(ByteString.fromHex("00ff10"))))
                .addEvents(Span.Event.newBuilder().setName("declined").setTimeUnixNano(1_700_000_000_100_000_000L))
                .addLinks(Span.Link.newBuilder().setTraceId(ByteString.fromHex("5b8efff798038103d269b633813fc60d"))
                        .setSpanId(ByteString.fromHex("0000000000000007")).setFlags(1))
                .setDroppedAttributesCount(2)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("declined"));
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attribute("service.name", "payments")))
                .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0")
                .addScopeSpans(ScopeSpans.newBuilder()
                        .setScope(InstrumentationScope.newBuilder().setName("io.acme.payments").setVersion("2.0"))
                        .addSpans(span)
                        .addSpans(span.setSpanId(ByteString.fromHex("eee19b7ec3c1b175")).setName("refund"))))
                .build();
    }
}
