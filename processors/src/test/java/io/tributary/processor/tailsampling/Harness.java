package io.tributary.processor.tailsampling;

import static io.tributary.testkit.TestTraces.attribute;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.ManualClock;
import io.tributary.testkit.RecordingConsumer;
import io.tributary.testkit.TestContext;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

/** A tail sampler on a hand-driven clock: tests send spans, move time and run the decision tick themselves. */
final class Harness {
    static final Resource RESOURCE = resource("service.name", "checkout");
    static final long SECOND = 1_000_000_000L;

    final ManualClock clock = new ManualClock();
    final Telemetry telemetry = new Telemetry();
    final RecordingConsumer next = new RecordingConsumer();
    final TailSamplingProcessor processor;

    Harness(String yaml) {
        this(yaml, "tail_sampling");
    }

    Harness(String yaml, String id) {
        processor = new TailSamplingProcessor(
                TestContext.of(id).telemetry(telemetry).clock(clock).build(), config(yaml), next);
    }

    static TailSamplingConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null), "processors::tail_sampling",
                TailSamplingConfig.class, TailSamplingConfig.DEFAULT);
    }

    /** One request with these spans under {@link #RESOURCE}. */
    void send(Span... spans) {
        send(RESOURCE, spans);
    }

    void send(Resource resource, Span... spans) {
        processor.consume(traces(ResourceSpans.newBuilder().setResource(resource)
                .addScopeSpans(ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("lib"))
                        .addAllSpans(Arrays.asList(spans)))
                .build()));
    }

    /** Moves the clock and runs the decision tick, as the processor's thread would. */
    void advance(Duration duration) {
        clock.advance(duration);
        processor.tick();
    }

    /** Trace IDs (hex) of every span forwarded so far. */
    Set<String> keptTraces() {
        Set<String> ids = new LinkedHashSet<>();
        next.spans().forEach(span -> ids.add(HexFormat.of().formatHex(span.getTraceId().toByteArray())));
        return ids;
    }

    double counter(String name, String... tags) {
        Counter counter = telemetry.registry().find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    double gauge(String name) {
        Gauge gauge = telemetry.registry().find(name).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    static Traces traces(ResourceSpans... resourceSpans) {
        try {
            return Traces.parse(ExportTraceServiceRequest.newBuilder().addAllResourceSpans(Arrays.asList(resourceSpans))
                    .build().toByteString());
        } catch (InvalidOtlpException e) {
            throw new AssertionError(e);
        }
    }

    static Resource resource(String key, String value) {
        return Resource.newBuilder().addAttributes(attribute(key, value)).build();
    }

    static KeyValue num(String key, long value) {
        return attribute(key, AnyValue.newBuilder().setIntValue(value));
    }

    static KeyValue bool(String key, boolean value) {
        return attribute(key, AnyValue.newBuilder().setBoolValue(value));
    }

    /** A span of trace {@code trace} (a number, made into a 16-byte ID), a child unless {@code spanId} is 1. */
    static Span.Builder span(long trace, int spanId) {
        Span.Builder span = Span.newBuilder()
                .setTraceId(ByteString.copyFrom(traceId(trace)))
                .setSpanId(ByteString.copyFrom(new byte[] {0, 0, 0, 0, 0, 0, 0, (byte) spanId}))
                .setName("span-" + spanId)
                .setStartTimeUnixNano(1000 * SECOND)
                .setEndTimeUnixNano(1000 * SECOND + 1_000_000);
        if (spanId != 1) {
            span.setParentSpanId(ByteString.copyFrom(new byte[] {0, 0, 0, 0, 0, 0, 0, 1}));
        }
        return span;
    }

    static Span.Builder error(Span.Builder span) {
        return span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
    }

    static byte[] traceId(long trace) {
        byte[] id = new byte[16];
        for (int i = 0; i < 8; i++) {
            id[8 + i] = (byte) (trace >>> (56 - 8 * i));
        }
        id[0] = 0x5b;
        return id;
    }

    static String hex(long trace) {
        return HexFormat.of().formatHex(traceId(trace));
    }
}
