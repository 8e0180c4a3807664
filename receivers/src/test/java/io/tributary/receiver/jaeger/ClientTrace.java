package io.tributary.receiver.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.jaegertracing.internal.JaegerSpan;
import io.jaegertracing.internal.JaegerSpanContext;
import io.jaegertracing.internal.JaegerTracer;
import io.jaegertracing.internal.reporters.RemoteReporter;
import io.jaegertracing.internal.samplers.ConstSampler;
import io.jaegertracing.spi.Sender;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.opentracing.tag.Tags;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A two-span trace recorded by the real Jaeger Java client (128-bit trace ID, a SERVER parent and
 * a child with tags of every type the client can send, a log and an error), and the OTLP it must
 * become per the OpenTelemetry Jaeger mapping.
 */
final class ClientTrace {
    static final String SERVICE = "checkout";

    private final JaegerSpanContext parent;
    private final JaegerSpanContext child;
    private final long childDurationMicros;

    private ClientTrace(JaegerSpanContext parent, JaegerSpanContext child, long childDurationMicros) {
        this.parent = parent;
        this.child = child;
        this.childDurationMicros = childDurationMicros;
    }

    /** Records the trace and closes the tracer, which flushes its reporter and closes {@code sender}. */
    static ClientTrace sendWith(Sender sender) {
        JaegerTracer tracer = new JaegerTracer.Builder(SERVICE)
                .withReporter(new RemoteReporter.Builder().withSender(sender).withFlushInterval(60_000).build())
                .withSampler(new ConstSampler(true))
                .withTraceId128Bit()
                .withTag("deployment", "blue")
                .build();
        JaegerSpan parent = tracer.buildSpan("GET /cart").withTag(Tags.SPAN_KIND.getKey(), Tags.SPAN_KIND_SERVER).start();
        JaegerSpan child = tracer.buildSpan("load-cart").asChildOf(parent)
                .withTag("db.system", "postgresql")
                .withTag("rows", 42L)
                .withTag("ratio", 0.25)
                .withTag("cached", true)
                .start();
        child.log(Map.of("event", "retry", "attempt", 2L));
        Tags.ERROR.set(child, true);
        child.finish();
        parent.finish();
        tracer.close();
        return new ClientTrace(parent.context(), child.context(), child.getDuration());
    }

    /** Checks the translated spans field by field. */
    void assertTranslated(List<ResourceSpans> received) {
        assertThat(received).hasSize(1);
        ResourceSpans resource = received.get(0);
        assertThat(attribute(resource.getResource().getAttributesList(), "service.name")).hasValueSatisfying(
                v -> assertThat(v.getStringValue()).isEqualTo(SERVICE));
        assertThat(attribute(resource.getResource().getAttributesList(), "deployment")).hasValueSatisfying(
                v -> assertThat(v.getStringValue()).isEqualTo("blue"));
        List<Span> spans = resource.getScopeSpansList().stream().flatMap(s -> s.getSpansList().stream()).toList();
        assertThat(spans).extracting(Span::getName).containsExactlyInAnyOrder("GET /cart", "load-cart");
        Span parentSpan = spans.stream().filter(s -> s.getName().equals("GET /cart")).findFirst().orElseThrow();
        Span childSpan = spans.stream().filter(s -> s.getName().equals("load-cart")).findFirst().orElseThrow();

        ByteString traceId = traceId(parent.getTraceIdHigh(), parent.getTraceIdLow());
        assertThat(parent.getTraceIdHigh()).isNotZero();
        assertThat(parentSpan.getTraceId()).isEqualTo(traceId);
        assertThat(childSpan.getTraceId()).isEqualTo(traceId);
        assertThat(parentSpan.getSpanId()).isEqualTo(spanId(parent.getSpanId()));
        assertThat(parentSpan.getParentSpanId()).isEmpty();
        assertThat(parentSpan.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        assertThat(childSpan.getSpanId()).isEqualTo(spanId(child.getSpanId()));
        assertThat(childSpan.getParentSpanId()).isEqualTo(spanId(parent.getSpanId()));

        assertThat(childSpan.getEndTimeUnixNano() - childSpan.getStartTimeUnixNano()).isEqualTo(childDurationMicros * 1000);
        assertThat(attribute(childSpan.getAttributesList(), "db.system")).hasValueSatisfying(
                v -> assertThat(v.getStringValue()).isEqualTo("postgresql"));
        assertThat(attribute(childSpan.getAttributesList(), "rows")).hasValueSatisfying(
                v -> assertThat(v.getIntValue()).isEqualTo(42));
        assertThat(attribute(childSpan.getAttributesList(), "ratio")).hasValueSatisfying(
                v -> assertThat(v.getDoubleValue()).isEqualTo(0.25));
        assertThat(attribute(childSpan.getAttributesList(), "cached")).hasValueSatisfying(
                v -> assertThat(v.getBoolValue()).isTrue());
        assertThat(childSpan.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(parentSpan.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);

        assertThat(childSpan.getEventsList()).hasSize(1);
        Span.Event event = childSpan.getEvents(0);
        assertThat(event.getName()).isEqualTo("retry");
        assertThat(attribute(event.getAttributesList(), "attempt")).hasValueSatisfying(
                v -> assertThat(v.getIntValue()).isEqualTo(2));
        assertThat(event.getTimeUnixNano()).isBetween(childSpan.getStartTimeUnixNano(), childSpan.getEndTimeUnixNano());
    }

    static Optional<AnyValue> attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(kv -> kv.getKey().equals(key)).map(KeyValue::getValue).findFirst();
    }

    static ByteString traceId(long high, long low) {
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
    }

    static ByteString spanId(long id) {
        return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array());
    }
}
