package io.tributary.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Spans made by the OpenTelemetry SDK with every feature OTLP carries (parent, kind, times,
 * attributes of each type, events, links, status, resource, scope), and the check that a
 * receiver passed them on intact.
 */
final class SampleSpans {
    static final long START = 1_700_000_000_123_456_789L;
    static final String LINKED_TRACE = "0af7651916cd43dd8448eb211c80319c";
    static final String LINKED_SPAN = "b7ad6b7169203331";

    private SampleSpans() {
    }

    /** A server span and its client child. */
    static List<SpanData> create() {
        List<SpanData> spans = new ArrayList<>();
        SpanExporter collect = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> batch) {
                spans.addAll(batch);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.builder()
                        .put("service.name", "checkout").put("host.cores", 8L).build()))
                .addSpanProcessor(SimpleSpanProcessor.create(collect))
                .build()) {
            Tracer tracer = provider.get("io.tributary.test", "1.2.3");
            Span parent = tracer.spanBuilder("GET /cart")
                    .setSpanKind(SpanKind.SERVER)
                    .setStartTimestamp(START, TimeUnit.NANOSECONDS)
                    .setAttribute("http.method", "GET")
                    .setAttribute("retry", true)
                    .setAttribute("http.status_code", 500L)
                    .setAttribute("ratio", 0.25)
                    .setAttribute(AttributeKey.stringArrayKey("tags"), List.of("a", "b"))
                    .setAttribute(AttributeKey.booleanArrayKey("flags"), List.of(true, false))
                    .setAttribute(AttributeKey.longArrayKey("codes"), List.of(1L, 2L))
                    .setAttribute(AttributeKey.doubleArrayKey("weights"), List.of(0.5, 1.5))
                    .addLink(SpanContext.create(LINKED_TRACE, LINKED_SPAN, TraceFlags.getSampled(), TraceState.getDefault()),
                            Attributes.of(AttributeKey.stringKey("link.kind"), "follows"))
                    .startSpan();
            parent.addEvent("cache miss", Attributes.of(AttributeKey.longKey("size"), 42L), START + 1_000, TimeUnit.NANOSECONDS);
            parent.setStatus(StatusCode.ERROR, "boom");
            Span child = tracer.spanBuilder("SELECT cart")
                    .setParent(Context.root().with(parent))
                    .setSpanKind(SpanKind.CLIENT)
                    .setStartTimestamp(START + 2_000, TimeUnit.NANOSECONDS)
                    .startSpan();
            child.end(START + 3_000, TimeUnit.NANOSECONDS);
            parent.end(START + 5_000, TimeUnit.NANOSECONDS);
        }
        assertThat(spans).hasSize(2);
        return spans;
    }

    /** Asserts every sent span arrived, field by field, with its resource and scope. */
    static void assertReceived(List<SpanData> sent, List<ResourceSpans> received) {
        List<io.opentelemetry.proto.trace.v1.Span> spans = new ArrayList<>();
        for (ResourceSpans rs : received) {
            assertThat(attributes(rs.getResource().getAttributesList()))
                    .contains("service.name=\"checkout\"", "host.cores=8");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                assertThat(ss.getScope().getName()).isEqualTo("io.tributary.test");
                assertThat(ss.getScope().getVersion()).isEqualTo("1.2.3");
                spans.addAll(ss.getSpansList());
            }
        }
        assertThat(spans).hasSameSizeAs(sent);
        for (SpanData expected : sent) {
            io.opentelemetry.proto.trace.v1.Span actual = spans.stream()
                    .filter(s -> hex(s.getSpanId().toByteArray()).equals(expected.getSpanId()))
                    .findFirst().orElseThrow(() -> new AssertionError("span " + expected.getSpanId() + " not received"));
            assertThat(hex(actual.getTraceId().toByteArray())).isEqualTo(expected.getTraceId());
            assertThat(hex(actual.getParentSpanId().toByteArray()))
                    .isEqualTo(expected.getParentSpanContext().isValid() ? expected.getParentSpanId() : "");
            assertThat(actual.getName()).isEqualTo(expected.getName());
            assertThat(actual.getKind().getNumber()).isEqualTo(expected.getKind().ordinal() + 1);
            assertThat(actual.getStartTimeUnixNano()).isEqualTo(expected.getStartEpochNanos());
            assertThat(actual.getEndTimeUnixNano()).isEqualTo(expected.getEndEpochNanos());
            assertThat(actual.getStatus().getCodeValue()).isEqualTo(expected.getStatus().getStatusCode().ordinal());
            assertThat(actual.getStatus().getMessage()).isEqualTo(expected.getStatus().getDescription());
            assertThat(actual.getAttributesCount()).isEqualTo(expected.getAttributes().size());
            assertThat(actual.getEventsCount()).isEqualTo(expected.getEvents().size());
            assertThat(actual.getLinksCount()).isEqualTo(expected.getLinks().size());
        }
        io.opentelemetry.proto.trace.v1.Span server = spans.stream()
                .filter(s -> s.getName().equals("GET /cart")).findFirst().orElseThrow();
        assertThat(attributes(server.getAttributesList())).containsExactlyInAnyOrder(
                "http.method=\"GET\"", "retry=true", "http.status_code=500", "ratio=0.25",
                "tags=[\"a\", \"b\"]", "flags=[true, false]", "codes=[1, 2]", "weights=[0.5, 1.5]");
        assertThat(server.getEvents(0).getName()).isEqualTo("cache miss");
        assertThat(server.getEvents(0).getTimeUnixNano()).isEqualTo(START + 1_000);
        assertThat(attributes(server.getEvents(0).getAttributesList())).containsExactly("size=42");
        assertThat(hex(server.getLinks(0).getTraceId().toByteArray())).isEqualTo(LINKED_TRACE);
        assertThat(hex(server.getLinks(0).getSpanId().toByteArray())).isEqualTo(LINKED_SPAN);
        assertThat(attributes(server.getLinks(0).getAttributesList())).containsExactly("link.kind=\"follows\"");
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Attributes as {@code key=value} text; strings are quoted so a value of the wrong type shows. */
    static List<String> attributes(List<KeyValue> attributes) {
        return attributes.stream().map(kv -> kv.getKey() + "=" + render(kv.getValue())).toList();
    }

    private static String render(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> '"' + value.getStringValue() + '"';
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(SampleSpans::render).toList().toString();
            default -> value.toString();
        };
    }
}
