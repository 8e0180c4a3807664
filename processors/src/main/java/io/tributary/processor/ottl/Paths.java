package io.tributary.processor.ottl;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.processor.filtermatch.AttributeValues;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves a path to a getter, for a condition of a given context. A path may start with the name
 * of its own context or of one it lies in ({@code span.name}, {@code resource.attributes["k"]},
 * {@code metric.name} in a datapoint condition); without one it addresses the condition's own
 * context ({@code name}), except where the context is inferred, which needs every path prefixed.
 * Supported fields follow otelcol's ottlresource, ottlscope, ottlspan, ottlspanevent, ottlmetric,
 * ottldatapoint and ottllog contexts; object-valued paths ({@code resource}, {@code status},
 * {@code events}, {@code data_points}, {@code exemplars}, bucket and quantile lists) and time.Time
 * ones are outside the subset.
 */
final class Paths {
    private static final String[] KIND_NAMES = {"Unspecified", "Internal", "Server", "Client", "Producer", "Consumer"};
    private static final List<Descriptor> POINT_TYPES = List.of(NumberDataPoint.getDescriptor(), HistogramDataPoint.getDescriptor(),
            ExponentialHistogramDataPoint.getDescriptor(), SummaryDataPoint.getDescriptor());

    private Paths() {
    }

    static Getter resolve(Ast.Path path, OttlContext context, boolean prefixRequired) {
        List<String> names = path.names();
        OttlContext addressed = OttlContext.named(names.get(0));
        List<String> fields = names;
        if (addressed == null) {
            if (prefixRequired) {
                throw new OttlException("path '" + path.text() + "' must start with its context "
                        + "(resource, scope, span, spanevent, metric, datapoint or log)", path.column());
            }
            addressed = context;
        } else {
            if (!context.reaches(addressed)) {
                throw new OttlException("path '" + path.text() + "' is not available in the " + context.configName() + " context", path.column());
            }
            fields = names.subList(1, names.size());
        }
        String field = String.join(".", fields);
        Function<Target, List<KeyValue>> map = maps(addressed, field);
        if (map != null) {
            return keyed(map, path);
        }
        if (addressed == OttlContext.LOG && field.equals("body")) {
            return body(path);
        }
        Getter getter = switch (addressed) {
            case RESOURCE -> resourceField(field);
            case SCOPE -> scopeField(field);
            case SPAN -> spanField(field);
            case SPANEVENT -> eventField(field);
            case METRIC -> metricField(field);
            case DATAPOINT -> pointField(field);
            case LOG -> logField(field);
        };
        if (getter == null) {
            throw new OttlException("unsupported path '" + path.text() + "'", path.column());
        }
        if (!path.keys().isEmpty()) {
            throw new OttlException("path '" + path.text() + "' cannot be indexed", path.keys().get(0).column());
        }
        return getter;
    }

    /** The maps a context has ({@code attributes}, a metric's {@code metadata}), or null when {@code field} is none. */
    private static Function<Target, List<KeyValue>> maps(OttlContext context, String field) {
        if (context == OttlContext.METRIC) {
            return field.equals("metadata") ? t -> metric(t).getMetadataList() : null;
        }
        if (!field.equals("attributes")) {
            return null;
        }
        return switch (context) {
            case RESOURCE -> t -> t.resource().getAttributesList();
            case SCOPE -> t -> t.scope().getAttributesList();
            case SPAN -> t -> span(t).getAttributesList();
            case SPANEVENT -> t -> ((Span.Event) t.part()).getAttributesList();
            case DATAPOINT -> t -> DataPoints.attributes(t.part());
            case LOG -> t -> log(t).getAttributesList();
            case METRIC -> null;
        };
    }

    private static Getter keyed(Function<Target, List<KeyValue>> map, Ast.Path path) {
        List<Ast.Key> keys = path.keys();
        if (keys.isEmpty()) {
            return t -> new Values.MapValue(map.apply(t));
        }
        if (!(keys.get(0).value() instanceof String first)) {
            throw new OttlException("attributes must be indexed with a string key", keys.get(0).column());
        }
        List<Object> rest = keys.subList(1, keys.size()).stream().map(Ast.Key::value).toList();
        return t -> {
            Object value = Values.lookup(map.apply(t), first);
            for (Object key : rest) {
                value = Values.index(value, key);
            }
            return value;
        };
    }

    /** A log body of any type; indexed, it must be a map (string keys) or a slice (int keys). */
    private static Getter body(Ast.Path path) {
        List<Object> keys = path.keys().stream().map(Ast.Key::value).toList();
        if (keys.isEmpty()) {
            return t -> Values.of(log(t).getBody());
        }
        return t -> {
            Object value = Values.of(log(t).getBody());
            if (!(value instanceof Values.Handle<?>)) {
                throw new OttlEvaluationException("log bodies of type " + AttributeValues.typeName(log(t).getBody()) + " cannot be indexed");
            }
            for (Object key : keys) {
                value = Values.index(value, key);
            }
            return value;
        };
    }

    private static Getter resourceField(String field) {
        return field.equals("dropped_attributes_count") ? t -> (long) t.resource().getDroppedAttributesCount() : null;
    }

    private static Getter scopeField(String field) {
        return switch (field) {
            case "name" -> t -> t.scope().getName();
            case "version" -> t -> t.scope().getVersion();
            case "dropped_attributes_count" -> t -> (long) t.scope().getDroppedAttributesCount();
            default -> null;
        };
    }

    private static Getter spanField(String field) {
        return switch (field) {
            case "name" -> t -> span(t).getName();
            case "kind" -> t -> (long) span(t).getKindValue();
            case "kind.string" -> t -> kindString(span(t));
            case "kind.deprecated_string" -> t -> "SPAN_KIND_" + kindString(span(t)).toUpperCase(Locale.ROOT);
            case "status.code" -> t -> (long) span(t).getStatus().getCodeValue();
            case "status.message" -> t -> span(t).getStatus().getMessage();
            case "trace_id" -> t -> Values.Id.of(true, span(t).getTraceId());
            case "trace_id.string" -> t -> Values.Id.of(true, span(t).getTraceId()).hex();
            case "span_id" -> t -> Values.Id.of(false, span(t).getSpanId());
            case "span_id.string" -> t -> Values.Id.of(false, span(t).getSpanId()).hex();
            case "parent_span_id" -> t -> Values.Id.of(false, span(t).getParentSpanId());
            case "parent_span_id.string" -> t -> Values.Id.of(false, span(t).getParentSpanId()).hex();
            case "trace_state" -> t -> span(t).getTraceState();
            case "start_time_unix_nano" -> t -> span(t).getStartTimeUnixNano();
            case "end_time_unix_nano" -> t -> span(t).getEndTimeUnixNano();
            case "dropped_attributes_count" -> t -> (long) span(t).getDroppedAttributesCount();
            case "dropped_events_count" -> t -> (long) span(t).getDroppedEventsCount();
            case "dropped_links_count" -> t -> (long) span(t).getDroppedLinksCount();
            default -> null;
        };
    }

    private static Getter eventField(String field) {
        return switch (field) {
            case "name" -> t -> ((Span.Event) t.part()).getName();
            case "time_unix_nano" -> t -> ((Span.Event) t.part()).getTimeUnixNano();
            case "dropped_attributes_count" -> t -> (long) ((Span.Event) t.part()).getDroppedAttributesCount();
            default -> null;
        };
    }

    private static Getter metricField(String field) {
        return switch (field) {
            case "name" -> t -> metric(t).getName();
            case "description" -> t -> metric(t).getDescription();
            case "unit" -> t -> metric(t).getUnit();
            case "type" -> t -> metricType(metric(t));
            case "aggregation_temporality" -> t -> switch (metric(t).getDataCase()) {
                case SUM -> (long) metric(t).getSum().getAggregationTemporalityValue();
                case HISTOGRAM -> (long) metric(t).getHistogram().getAggregationTemporalityValue();
                case EXPONENTIAL_HISTOGRAM -> (long) metric(t).getExponentialHistogram().getAggregationTemporalityValue();
                default -> null;
            };
            case "is_monotonic" -> t -> metric(t).hasSum() ? metric(t).getSum().getIsMonotonic() : null;
            default -> null;
        };
    }

    /**
     * A data point's scalar field, nil on point types without it, as otelcol's datapoint context
     * reads it: {@code value_int} and {@code value_double} of number points (0 when the point holds
     * the other kind), counts, sums, scales and offsets of the histogram and summary types.
     */
    private static Getter pointField(String field) {
        return switch (field) {
            case "start_time_unix_nano", "time_unix_nano", "flags", "count", "sum", "scale", "zero_count" -> protoField(field, null);
            case "value_int" -> protoField("as_int", null);
            case "value_double" -> protoField("as_double", null);
            case "positive.offset" -> protoField("offset", "positive");
            case "negative.offset" -> protoField("offset", "negative");
            default -> null;
        };
    }

    /** The field named {@code name} of each point type that has it (inside its message field {@code within}, when given). */
    private static Getter protoField(String name, String within) {
        Map<Descriptor, FieldDescriptor[]> fields = new HashMap<>();
        for (Descriptor type : POINT_TYPES) {
            FieldDescriptor outer = within == null ? null : type.findFieldByName(within);
            if (within != null && outer == null) {
                continue;
            }
            FieldDescriptor field = (outer == null ? type : outer.getMessageType()).findFieldByName(name);
            if (field != null) {
                fields.put(type, new FieldDescriptor[] {outer, field});
            }
        }
        return t -> {
            FieldDescriptor[] path = fields.get(t.part().getDescriptorForType());
            if (path == null) {
                return null;
            }
            Message holder = path[0] == null ? t.part() : (Message) t.part().getField(path[0]);
            return goValue(path[1], holder.getField(path[1]));
        };
    }

    /** As otelcol converts a point's number: unsigned 32-bit fields stay positive, 64-bit ones keep their bits. */
    private static Object goValue(FieldDescriptor field, Object value) {
        if (value instanceof Integer number) {
            boolean unsigned = field.getType() == FieldDescriptor.Type.UINT32 || field.getType() == FieldDescriptor.Type.FIXED32;
            return unsigned ? Integer.toUnsignedLong(number) : (long) number;
        }
        return value;
    }

    private static Getter logField(String field) {
        return switch (field) {
            case "time_unix_nano" -> t -> log(t).getTimeUnixNano();
            case "observed_time_unix_nano" -> t -> log(t).getObservedTimeUnixNano();
            case "severity_number" -> t -> (long) log(t).getSeverityNumberValue();
            case "severity_text" -> t -> log(t).getSeverityText();
            case "body.string" -> t -> AttributeValues.asString(log(t).getBody());
            case "dropped_attributes_count" -> t -> (long) log(t).getDroppedAttributesCount();
            case "flags" -> t -> Integer.toUnsignedLong(log(t).getFlags());
            case "trace_id" -> t -> Values.Id.of(true, log(t).getTraceId());
            case "trace_id.string" -> t -> Values.Id.of(true, log(t).getTraceId()).hex();
            case "span_id" -> t -> Values.Id.of(false, log(t).getSpanId());
            case "span_id.string" -> t -> Values.Id.of(false, log(t).getSpanId()).hex();
            case "event_name" -> t -> log(t).getEventName();
            default -> null;
        };
    }

    /** pdata's MetricType numbers: 0 for a metric without data, then gauge, sum, histogram, exponential histogram, summary. */
    static long metricType(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> 1;
            case SUM -> 2;
            case HISTOGRAM -> 3;
            case EXPONENTIAL_HISTOGRAM -> 4;
            case SUMMARY -> 5;
            case DATA_NOT_SET -> 0;
        };
    }

    private static Span span(Target t) {
        return (Span) t.item();
    }

    private static Metric metric(Target t) {
        return (Metric) t.item();
    }

    private static LogRecord log(Target t) {
        return (LogRecord) t.item();
    }

    /** pdata's SpanKind.String(); an unknown kind prints as otelcol does, its number. */
    private static String kindString(Span span) {
        int kind = span.getKindValue();
        return kind >= 0 && kind < KIND_NAMES.length ? KIND_NAMES[kind] : Integer.toString(kind);
    }
}
