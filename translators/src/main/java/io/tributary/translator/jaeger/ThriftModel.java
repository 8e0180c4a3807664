package io.tributary.translator.jaeger;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.jaegertracing.thriftjava.Batch;
import io.jaegertracing.thriftjava.Log;
import io.jaegertracing.thriftjava.Process;
import io.jaegertracing.thriftjava.Span;
import io.jaegertracing.thriftjava.SpanRef;
import io.jaegertracing.thriftjava.SpanRefType;
import io.jaegertracing.thriftjava.Tag;
import io.jaegertracing.thriftjava.TagType;
import io.tributary.translator.jaeger.apiv2.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * Jaeger Thrift ⇄ Jaeger api_v2 model, the two encodings of one data model (as Jaeger's own
 * converters do it), so that Thrift shares the model's one translation to OTLP. Thrift counts
 * time in microseconds; the model in nanoseconds, truncated on the way to Thrift.
 */
final class ThriftModel {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final int NANOS_PER_MICRO = 1_000;

    private ThriftModel() {
    }

    static Model.Batch toModel(Batch batch) {
        Model.Batch.Builder out = Model.Batch.newBuilder();
        if (batch.getProcess() != null) {
            Process process = batch.getProcess();
            out.setProcess(Model.Process.newBuilder()
                    .setServiceName(nullToEmpty(process.getServiceName()))
                    .addAllTags(toModel(process.getTags())));
        }
        if (batch.getSpans() != null) {
            for (Span span : batch.getSpans()) {
                if (span != null) {
                    out.addSpans(toModel(span));
                }
            }
        }
        return out.build();
    }

    private static Model.Span toModel(Span span) {
        ByteString traceId = Ids.traceId(span.getTraceIdHigh(), span.getTraceIdLow());
        Model.Span.Builder out = Model.Span.newBuilder()
                .setTraceId(traceId)
                .setSpanId(Ids.spanId(span.getSpanId()))
                .setOperationName(nullToEmpty(span.getOperationName()))
                .setFlags(span.getFlags())
                .setStartTime(timestamp(span.getStartTime()))
                .setDuration(duration(span.getDuration()))
                .addAllTags(toModel(span.getTags()));
        List<Model.SpanRef> refs = new ArrayList<>();
        if (span.getReferences() != null) {
            for (SpanRef ref : span.getReferences()) {
                refs.add(Model.SpanRef.newBuilder()
                        .setTraceId(Ids.traceId(ref.getTraceIdHigh(), ref.getTraceIdLow()))
                        .setSpanId(Ids.spanId(ref.getSpanId()))
                        .setRefType(ref.getRefType() == SpanRefType.FOLLOWS_FROM
                                ? Model.SpanRefType.FOLLOWS_FROM
                                : Model.SpanRefType.CHILD_OF)
                        .build());
            }
        }
        // The model has no parent field, and its parent is the first CHILD_OF reference within the
        // trace: Thrift's parentSpanId, which otelcol prefers to any reference, goes first.
        if (span.getParentSpanId() != 0) {
            Model.SpanRef parent = Model.SpanRef.newBuilder()
                    .setTraceId(traceId)
                    .setSpanId(Ids.spanId(span.getParentSpanId()))
                    .setRefType(Model.SpanRefType.CHILD_OF)
                    .build();
            refs.remove(parent);
            refs.add(0, parent);
        }
        out.addAllReferences(refs);
        if (span.getLogs() != null) {
            for (Log log : span.getLogs()) {
                out.addLogs(Model.Log.newBuilder()
                        .setTimestamp(timestamp(log.getTimestamp()))
                        .addAllFields(toModel(log.getFields())));
            }
        }
        return out.build();
    }

    private static List<Model.KeyValue> toModel(List<Tag> tags) {
        if (tags == null) {
            return List.of();
        }
        List<Model.KeyValue> out = new ArrayList<>(tags.size());
        for (Tag tag : tags) {
            Model.KeyValue.Builder kv = Model.KeyValue.newBuilder().setKey(nullToEmpty(tag.getKey()));
            TagType type = tag.getVType();
            if (type == null) {
                kv.setVTypeValue(-1); // an unknown type, kept visible as such
            } else {
                switch (type) {
                    case STRING -> kv.setVType(Model.ValueType.STRING).setVStr(nullToEmpty(tag.getVStr()));
                    case BOOL -> kv.setVType(Model.ValueType.BOOL).setVBool(tag.isVBool());
                    case LONG -> kv.setVType(Model.ValueType.INT64).setVInt64(tag.getVLong());
                    case DOUBLE -> kv.setVType(Model.ValueType.FLOAT64).setVFloat64(tag.getVDouble());
                    case BINARY -> kv.setVType(Model.ValueType.BINARY)
                            .setVBinary(tag.getVBinary() == null ? ByteString.EMPTY : ByteString.copyFrom(tag.getVBinary()));
                }
            }
            out.add(kv.build());
        }
        return out;
    }

    static Batch toThrift(Model.Batch batch) {
        Model.Process process = batch.getProcess();
        Process thriftProcess = new Process(process.getServiceName());
        if (process.getTagsCount() > 0) {
            thriftProcess.setTags(toThrift(process.getTagsList()));
        }
        List<Span> spans = new ArrayList<>(batch.getSpansCount());
        for (Model.Span span : batch.getSpansList()) {
            spans.add(toThrift(span));
        }
        return new Batch(thriftProcess, spans);
    }

    private static Span toThrift(Model.Span span) {
        ByteString traceId = Ids.sized(span.getTraceId(), Ids.TRACE_ID_SIZE);
        Span out = new Span(
                Ids.low(traceId),
                Ids.high(traceId),
                Ids.spanIdLong(span.getSpanId()),
                Ids.spanIdLong(ProtoToOtlp.parentSpanId(span)),
                span.getOperationName(),
                span.getFlags(),
                micros(span.getStartTime().getSeconds(), span.getStartTime().getNanos()),
                micros(span.getDuration().getSeconds(), span.getDuration().getNanos()));
        if (span.getReferencesCount() > 0) {
            List<SpanRef> refs = new ArrayList<>(span.getReferencesCount());
            for (Model.SpanRef ref : span.getReferencesList()) {
                ByteString refTraceId = Ids.sized(ref.getTraceId(), Ids.TRACE_ID_SIZE);
                refs.add(new SpanRef(
                        ref.getRefType() == Model.SpanRefType.FOLLOWS_FROM ? SpanRefType.FOLLOWS_FROM : SpanRefType.CHILD_OF,
                        Ids.low(refTraceId),
                        Ids.high(refTraceId),
                        Ids.spanIdLong(ref.getSpanId())));
            }
            out.setReferences(refs);
        }
        if (span.getTagsCount() > 0) {
            out.setTags(toThrift(span.getTagsList()));
        }
        if (span.getLogsCount() > 0) {
            List<Log> logs = new ArrayList<>(span.getLogsCount());
            for (Model.Log log : span.getLogsList()) {
                logs.add(new Log(micros(log.getTimestamp().getSeconds(), log.getTimestamp().getNanos()),
                        toThrift(log.getFieldsList())));
            }
            out.setLogs(logs);
        }
        return out;
    }

    private static List<Tag> toThrift(List<Model.KeyValue> tags) {
        List<Tag> out = new ArrayList<>(tags.size());
        for (Model.KeyValue kv : tags) {
            Tag tag = switch (kv.getVType()) {
                case BOOL -> new Tag(kv.getKey(), TagType.BOOL).setVBool(kv.getVBool());
                case INT64 -> new Tag(kv.getKey(), TagType.LONG).setVLong(kv.getVInt64());
                case FLOAT64 -> new Tag(kv.getKey(), TagType.DOUBLE).setVDouble(kv.getVFloat64());
                case BINARY -> new Tag(kv.getKey(), TagType.BINARY).setVBinary(kv.getVBinary().toByteArray());
                case STRING, UNRECOGNIZED -> new Tag(kv.getKey(), TagType.STRING).setVStr(kv.getVStr());
            };
            out.add(tag);
        }
        return out;
    }

    private static Timestamp timestamp(long micros) {
        return Timestamp.newBuilder()
                .setSeconds(Math.floorDiv(micros, MICROS_PER_SECOND))
                .setNanos((int) Math.floorMod(micros, MICROS_PER_SECOND) * NANOS_PER_MICRO)
                .build();
    }

    private static Duration duration(long micros) {
        return Duration.newBuilder()
                .setSeconds(micros / MICROS_PER_SECOND)
                .setNanos((int) (micros % MICROS_PER_SECOND) * NANOS_PER_MICRO)
                .build();
    }

    private static long micros(long seconds, int nanos) {
        return seconds * MICROS_PER_SECOND + Math.floorDiv(nanos, NANOS_PER_MICRO);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
