package io.tributary.compat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.jaegertracing.thriftjava.Batch;
import io.jaegertracing.thriftjava.Log;
import io.jaegertracing.thriftjava.Process;
import io.jaegertracing.thriftjava.Span;
import io.jaegertracing.thriftjava.SpanRef;
import io.jaegertracing.thriftjava.SpanRefType;
import io.jaegertracing.thriftjava.TagType;
import io.tributary.translator.jaeger.apiv2.Model;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The Jaeger spans the jaeger-receiver scenario sends, described once and written as either wire
 * model: Thrift (agent UDP, collector HTTP) or api_v2 protobuf (collector gRPC). Between them they
 * carry a tag of every type, logs, CHILD_OF and FOLLOWS_FROM references (several parents, another
 * trace), process tags, every span.kind, error and otel.status_code tags, 64- and 128-bit trace
 * IDs, each sampling flag, and empty strings.
 */
final class JaegerSpans {
    /** Microseconds, as Jaeger counts. */
    static final long T0 = 1_700_000_000_000_000L;
    static final long TRACE_HIGH = 0x0af7651916cd43ddL;
    static final long TRACE_LOW = 0x8448eb211c80319cL;
    /** A 64-bit trace: no high half. */
    static final long SHORT_TRACE_LOW = 0x7d2c5f1e93a0b4c6L;
    private static final long OTHER_TRACE_HIGH = 0x1L;
    private static final long OTHER_TRACE_LOW = 0x2L;

    record Tag(String key, Object value) {
    }

    record Ref(boolean followsFrom, long traceHigh, long traceLow, long spanId) {
    }

    record LogEntry(long micros, List<Tag> fields) {
    }

    record SpanSpec(long traceHigh, long traceLow, long spanId, long parentId, String operation, int flags,
            long startMicros, long durationMicros, List<Ref> refs, List<Tag> tags, List<LogEntry> logs) {
    }

    static final String SERVICE = "jaeger-lab";

    static final List<Tag> PROCESS_TAGS = List.of(
            tag("hostname", "lab-host"), tag("ip", "192.0.2.7"), tag("jaeger.version", "Java-1.8.1"),
            tag("process.pid", 4242L), tag("load", 0.75), tag("canary", true), tag("build.id", new byte[] {(byte) 0xca, (byte) 0xfe}),
            tag("empty", ""));

    static final List<SpanSpec> SPANS = List.of(
            new SpanSpec(TRACE_HIGH, TRACE_LOW, 1, 0, "GET /orders", 1, T0, 1_500, List.of(),
                    List.of(tag("span.kind", "server"), tag("http.method", "GET"), tag("http.status_code", 500L),
                            tag("retry", true), tag("ratio", 0.25), tag("payload", new byte[] {0, 1, 2, (byte) 0xff}),
                            tag("empty", ""), tag("", "no key"), tag("error", true)),
                    List.of(new LogEntry(T0 + 10, List.of(tag("event", "cache-miss"), tag("key", "user:7"), tag("size", 3L),
                                    tag("hit", false), tag("ratio", 0.5), tag("blob", new byte[] {9}))),
                            new LogEntry(T0 + 20, List.of(tag("message", "retrying"))),
                            new LogEntry(T0 + 30, List.of()),
                            new LogEntry(T0 + 40, List.of(tag("event", "error"), tag("error.kind", "Timeout"), tag("event", "again"))))),
            new SpanSpec(TRACE_HIGH, TRACE_LOW, 2, 1, "SELECT orders", 3, T0 + 100, 700,
                    List.of(new Ref(false, TRACE_HIGH, TRACE_LOW, 1)),
                    List.of(tag("span.kind", "client"), tag("otel.status_code", "ERROR"), tag("otel.status_description", "db down"),
                            tag("peer.service", "postgres"), tag("error", true)),
                    List.of()),
            new SpanSpec(TRACE_HIGH, TRACE_LOW, 3, 0, "publish", 1, T0 + 200, 50,
                    List.of(new Ref(true, TRACE_HIGH, TRACE_LOW, 1), new Ref(false, OTHER_TRACE_HIGH, OTHER_TRACE_LOW, 9)),
                    List.of(tag("span.kind", "producer"), tag("otel.status_code", "OK"), tag("otel.library.name", "lab.messaging"),
                            tag("otel.library.version", "2.0")),
                    List.of()),
            new SpanSpec(0, SHORT_TRACE_LOW, 4, 0, "", 0, T0 + 300, 0, List.of(),
                    List.of(tag("span.kind", "consumer"), tag("error", false), tag("sampler.type", "probabilistic"),
                            tag("sampler.param", 0.001)),
                    List.of()),
            new SpanSpec(TRACE_HIGH, TRACE_LOW, 5, 2, "merge", 2, T0 + 400, 10,
                    List.of(new Ref(false, TRACE_HIGH, TRACE_LOW, 1), new Ref(false, TRACE_HIGH, TRACE_LOW, 2),
                            new Ref(true, TRACE_HIGH, TRACE_LOW, 3)),
                    List.of(tag("span.kind", "internal"), tag("error", "true"), tag("otel.status_code", "UNSET")),
                    List.of()),
            new SpanSpec(TRACE_HIGH, TRACE_LOW, 6, 1, "odd values", 1, 0, 0, List.of(),
                    List.of(tag("span.kind", "weird"), tag("otel.status_code", "bogus"), tag("http.status_code", "404")),
                    List.of()),
            new SpanSpec(TRACE_HIGH, TRACE_LOW, 7, 1, "not found", 1, T0 + 500, 5, List.of(),
                    List.of(tag("span.kind", "server"), tag("http.status_code", 404L)),
                    List.of()));

    private JaegerSpans() {
    }

    static Tag tag(String key, Object value) {
        return new Tag(key, value);
    }

    /**
     * A span whose tags name its instrumentation scope and W3C trace state: otelcol's api_v2
     * mapping reads them, its Thrift mapping leaves them attributes (see docs/COMPATIBILITY.md).
     */
    static final SpanSpec SCOPED = new SpanSpec(TRACE_HIGH, TRACE_LOW, 9, 1, "scoped", 1, T0 + 600, 20, List.of(),
            List.of(tag("otel.scope.name", "lab.scope"), tag("otel.scope.version", "0.1"), tag("w3c.tracestate", "vendor=value"),
                    tag("span.kind", "server")),
            List.of());

    /** One span of its own, for requests whose only question is whether they were delivered. */
    static SpanSpec single(long spanId) {
        return new SpanSpec(TRACE_HIGH, TRACE_LOW, spanId, 0, "single " + spanId, 1, T0, 1, List.of(),
                List.of(tag("case", spanId)), List.of());
    }

    private static Process thriftProcess() {
        return new Process(SERVICE).setTags(PROCESS_TAGS.stream().map(JaegerSpans::thrift).toList());
    }

    static Batch thriftBatch(List<SpanSpec> spans) {
        return new Batch(thriftProcess(), spans.stream().map(JaegerSpans::thrift).toList());
    }

    static Span thrift(SpanSpec spec) {
        return new Span(spec.traceLow(), spec.traceHigh(), spec.spanId(), spec.parentId(), spec.operation(), spec.flags(),
                spec.startMicros(), spec.durationMicros())
                .setReferences(spec.refs().stream()
                        .map(r -> new SpanRef(r.followsFrom() ? SpanRefType.FOLLOWS_FROM : SpanRefType.CHILD_OF,
                                r.traceLow(), r.traceHigh(), r.spanId()))
                        .toList())
                .setTags(spec.tags().stream().map(JaegerSpans::thrift).toList())
                .setLogs(spec.logs().stream()
                        .map(l -> new Log(l.micros(), l.fields().stream().map(JaegerSpans::thrift).toList()))
                        .toList());
    }

    private static io.jaegertracing.thriftjava.Tag thrift(Tag tag) {
        io.jaegertracing.thriftjava.Tag thrift = new io.jaegertracing.thriftjava.Tag(tag.key(), TagType.STRING);
        if (tag.value() instanceof String s) {
            return thrift.setVStr(s);
        } else if (tag.value() instanceof Boolean b) {
            return thrift.setVType(TagType.BOOL).setVBool(b);
        } else if (tag.value() instanceof Long l) {
            return thrift.setVType(TagType.LONG).setVLong(l);
        } else if (tag.value() instanceof Double d) {
            return thrift.setVType(TagType.DOUBLE).setVDouble(d);
        } else if (tag.value() instanceof byte[] bytes) {
            return thrift.setVType(TagType.BINARY).setVBinary(bytes);
        }
        throw new IllegalArgumentException("no Jaeger tag type for " + tag);
    }

    static Model.Process protoProcess(String service, List<Tag> tags) {
        return Model.Process.newBuilder().setServiceName(service).addAllTags(tags.stream().map(JaegerSpans::proto).toList()).build();
    }

    /**
     * The span as api_v2 has it. The model has no parent field: as Jaeger's own Thrift-to-model
     * conversion does, a parent becomes a leading CHILD_OF reference unless one already names it.
     */
    static Model.Span.Builder proto(SpanSpec spec) {
        List<Ref> refs = new ArrayList<>(spec.refs());
        boolean parentReferenced = refs.stream().anyMatch(r -> r.traceHigh() == spec.traceHigh()
                && r.traceLow() == spec.traceLow() && r.spanId() == spec.parentId());
        if (spec.parentId() != 0 && !parentReferenced) {
            refs.add(0, new Ref(false, spec.traceHigh(), spec.traceLow(), spec.parentId()));
        }
        return Model.Span.newBuilder()
                .setTraceId(traceId(spec.traceHigh(), spec.traceLow()))
                .setSpanId(spanId(spec.spanId()))
                .setOperationName(spec.operation())
                .addAllReferences(refs.stream().map(r -> Model.SpanRef.newBuilder()
                        .setTraceId(traceId(r.traceHigh(), r.traceLow())).setSpanId(spanId(r.spanId()))
                        .setRefType(r.followsFrom() ? Model.SpanRefType.FOLLOWS_FROM : Model.SpanRefType.CHILD_OF).build()).toList())
                .setFlags(spec.flags())
                .setStartTime(timestamp(spec.startMicros()))
                .setDuration(Duration.newBuilder().setSeconds(spec.durationMicros() / 1_000_000)
                        .setNanos((int) (spec.durationMicros() % 1_000_000) * 1_000))
                .addAllTags(spec.tags().stream().map(JaegerSpans::proto).toList())
                .addAllLogs(spec.logs().stream().map(l -> Model.Log.newBuilder().setTimestamp(timestamp(l.micros()))
                        .addAllFields(l.fields().stream().map(JaegerSpans::proto).toList()).build()).toList());
    }

    private static Model.KeyValue proto(Tag tag) {
        Model.KeyValue.Builder kv = Model.KeyValue.newBuilder().setKey(tag.key());
        if (tag.value() instanceof String s) {
            kv.setVType(Model.ValueType.STRING).setVStr(s);
        } else if (tag.value() instanceof Boolean b) {
            kv.setVType(Model.ValueType.BOOL).setVBool(b);
        } else if (tag.value() instanceof Long l) {
            kv.setVType(Model.ValueType.INT64).setVInt64(l);
        } else if (tag.value() instanceof Double d) {
            kv.setVType(Model.ValueType.FLOAT64).setVFloat64(d);
        } else if (tag.value() instanceof byte[] bytes) {
            kv.setVType(Model.ValueType.BINARY).setVBinary(ByteString.copyFrom(bytes));
        } else {
            throw new IllegalArgumentException("no Jaeger tag type for " + tag);
        }
        return kv.build();
    }

    static ByteString traceId(long high, long low) {
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
    }

    static ByteString spanId(long id) {
        return ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array());
    }

    private static Timestamp timestamp(long micros) {
        return Timestamp.newBuilder().setSeconds(micros / 1_000_000).setNanos((int) (micros % 1_000_000) * 1_000).build();
    }
}
