package io.tributary.translator;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.EntityRef;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes an export request of any signal as OTLP/JSON the way the Go collector's pdata marshaler
 * does, so what the {@code otlphttp} and {@code file} exporters write reads back in otelcol and
 * in our receiver: lowerCamelCase names, trace and span IDs as hex, enums as integers, 64-bit
 * integers (bucket counts too) as decimal strings, zero values left out, while {@code resource},
 * {@code scope}, {@code status}, a key's {@code value}, a log record's {@code body} and an
 * exponential histogram's {@code positive} and {@code negative} are always written, in pdata's
 * field order.
 */
public final class OtlpJsonEncoder {
    private static final HexFormat HEX = HexFormat.of();

    private final StringBuilder out = new StringBuilder(1024);
    /** Per open object: whether a field was written, so the next one needs a comma. */
    private boolean[] wrote = new boolean[16];
    private int depth;

    private OtlpJsonEncoder() {
    }

    /** One request of the data's signal, as UTF-8 JSON without a trailing newline. */
    public static byte[] write(SignalData<?, ?> data) {
        OtlpJsonEncoder json = new OtlpJsonEncoder();
        if (data instanceof Traces traces) {
            json.object(() -> json.array("resourceSpans", traces.resourceSpans(), json::resourceSpans));
        } else if (data instanceof Metrics metrics) {
            json.object(() -> json.array("resourceMetrics", metrics.resourceMetrics(), json::resourceMetrics));
        } else {
            json.object(() -> json.array("resourceLogs", ((Logs) data).resourceLogs(), json::resourceLogs));
        }
        return json.out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] write(List<ResourceSpans> resourceSpans) {
        return write(Traces.of(resourceSpans));
    }

    private void resourceSpans(ResourceSpans rs) {
        resourceEntry(rs.getResource(), "scopeSpans", rs.getScopeSpansList(), this::scopeSpans, rs.getSchemaUrl());
    }

    private void scopeSpans(ScopeSpans ss) {
        scopeEntry(ss.getScope(), "spans", ss.getSpansList(), this::span, ss.getSchemaUrl());
    }

    private void resourceMetrics(ResourceMetrics rm) {
        resourceEntry(rm.getResource(), "scopeMetrics", rm.getScopeMetricsList(), this::scopeMetrics, rm.getSchemaUrl());
    }

    private void scopeMetrics(ScopeMetrics sm) {
        scopeEntry(sm.getScope(), "metrics", sm.getMetricsList(), this::metric, sm.getSchemaUrl());
    }

    private void resourceLogs(ResourceLogs rl) {
        resourceEntry(rl.getResource(), "scopeLogs", rl.getScopeLogsList(), this::scopeLogs, rl.getSchemaUrl());
    }

    private void scopeLogs(ScopeLogs sl) {
        scopeEntry(sl.getScope(), "logRecords", sl.getLogRecordsList(), this::logRecord, sl.getSchemaUrl());
    }

    /** A {@code resourceSpans}, {@code resourceMetrics} or {@code resourceLogs} entry: every signal's is alike. */
    private <T> void resourceEntry(Resource resource, String scopesName, List<T> scopes, Consumer<T> scopeWriter, String schemaUrl) {
        object(() -> {
            field("resource");
            resource(resource);
            array(scopesName, scopes, scopeWriter);
            string("schemaUrl", schemaUrl);
        });
    }

    /** A {@code scopeSpans}, {@code scopeMetrics} or {@code scopeLogs} entry: every signal's is alike. */
    private <T> void scopeEntry(InstrumentationScope scope, String itemsName, List<T> items, Consumer<T> itemWriter, String schemaUrl) {
        object(() -> {
            field("scope");
            scope(scope);
            array(itemsName, items, itemWriter);
            string("schemaUrl", schemaUrl);
        });
    }

    private void resource(Resource resource) {
        object(() -> {
            attributes(resource.getAttributesList());
            uint32("droppedAttributesCount", resource.getDroppedAttributesCount());
            array("entityRefs", resource.getEntityRefsList(), this::entityRef);
        });
    }

    private void entityRef(EntityRef ref) {
        object(() -> {
            string("schemaUrl", ref.getSchemaUrl());
            string("type", ref.getType());
            array("idKeys", ref.getIdKeysList(), this::stringValue);
            array("descriptionKeys", ref.getDescriptionKeysList(), this::stringValue);
        });
    }

    private void scope(InstrumentationScope scope) {
        object(() -> {
            string("name", scope.getName());
            string("version", scope.getVersion());
            attributes(scope.getAttributesList());
            uint32("droppedAttributesCount", scope.getDroppedAttributesCount());
        });
    }

    private void span(Span span) {
        object(() -> {
            id("traceId", span.getTraceId());
            id("spanId", span.getSpanId());
            string("traceState", span.getTraceState());
            id("parentSpanId", span.getParentSpanId());
            uint32("flags", span.getFlags());
            string("name", span.getName());
            uint32("kind", span.getKindValue());
            uint64("startTimeUnixNano", span.getStartTimeUnixNano());
            uint64("endTimeUnixNano", span.getEndTimeUnixNano());
            attributes(span.getAttributesList());
            uint32("droppedAttributesCount", span.getDroppedAttributesCount());
            array("events", span.getEventsList(), this::event);
            uint32("droppedEventsCount", span.getDroppedEventsCount());
            array("links", span.getLinksList(), this::link);
            uint32("droppedLinksCount", span.getDroppedLinksCount());
            field("status");
            status(span.getStatus());
        });
    }

    private void event(Span.Event event) {
        object(() -> {
            uint64("timeUnixNano", event.getTimeUnixNano());
            string("name", event.getName());
            attributes(event.getAttributesList());
            uint32("droppedAttributesCount", event.getDroppedAttributesCount());
        });
    }

    private void link(Span.Link link) {
        object(() -> {
            id("traceId", link.getTraceId());
            id("spanId", link.getSpanId());
            string("traceState", link.getTraceState());
            attributes(link.getAttributesList());
            uint32("droppedAttributesCount", link.getDroppedAttributesCount());
            uint32("flags", link.getFlags());
        });
    }

    private void status(Status status) {
        object(() -> {
            string("message", status.getMessage());
            uint32("code", status.getCodeValue());
        });
    }

    private void metric(Metric metric) {
        object(() -> {
            string("name", metric.getName());
            string("description", metric.getDescription());
            string("unit", metric.getUnit());
            switch (metric.getDataCase()) {
                case GAUGE -> data("gauge", metric.getGauge().getDataPointsList(), this::numberDataPoint, 0, false);
                case SUM -> data("sum", metric.getSum().getDataPointsList(), this::numberDataPoint,
                        metric.getSum().getAggregationTemporalityValue(), metric.getSum().getIsMonotonic());
                case HISTOGRAM -> data("histogram", metric.getHistogram().getDataPointsList(), this::histogramDataPoint,
                        metric.getHistogram().getAggregationTemporalityValue(), false);
                case EXPONENTIAL_HISTOGRAM -> data("exponentialHistogram", metric.getExponentialHistogram().getDataPointsList(),
                        this::exponentialHistogramDataPoint, metric.getExponentialHistogram().getAggregationTemporalityValue(), false);
                case SUMMARY -> data("summary", metric.getSummary().getDataPointsList(), this::summaryDataPoint, 0, false);
                case DATA_NOT_SET -> {
                }
            }
            array("metadata", metric.getMetadataList(), this::keyValue);
        });
    }

    /**
     * A metric's data of any type: its points, then (a type without them passes 0 and false) its
     * temporality and monotonicity, each left out when zero or false.
     */
    private <T> void data(String type, List<T> points, Consumer<T> pointWriter, int temporality, boolean monotonic) {
        field(type);
        object(() -> {
            array("dataPoints", points, pointWriter);
            uint32("aggregationTemporality", temporality);
            if (monotonic) {
                field("isMonotonic");
                out.append(true);
            }
        });
    }

    /** The fields every data point starts with. */
    private void pointStart(List<KeyValue> attributes, long startTimeUnixNano, long timeUnixNano) {
        attributes(attributes);
        uint64("startTimeUnixNano", startTimeUnixNano);
        uint64("timeUnixNano", timeUnixNano);
    }

    private void numberDataPoint(NumberDataPoint point) {
        object(() -> {
            pointStart(point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano());
            switch (point.getValueCase()) {
                case AS_DOUBLE -> double64("asDouble", point.getAsDouble());
                case AS_INT -> int64("asInt", point.getAsInt());
                case VALUE_NOT_SET -> {
                }
            }
            array("exemplars", point.getExemplarsList(), this::exemplar);
            uint32("flags", point.getFlags());
        });
    }

    private void histogramDataPoint(HistogramDataPoint point) {
        object(() -> {
            pointStart(point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano());
            uint64("count", point.getCount());
            optionalDouble("sum", point.hasSum(), point.getSum());
            array("bucketCounts", point.getBucketCountsList(), this::uint64Value);
            array("explicitBounds", point.getExplicitBoundsList(), this::doubleValue);
            array("exemplars", point.getExemplarsList(), this::exemplar);
            uint32("flags", point.getFlags());
            optionalDouble("min", point.hasMin(), point.getMin());
            optionalDouble("max", point.hasMax(), point.getMax());
        });
    }

    private void exponentialHistogramDataPoint(ExponentialHistogramDataPoint point) {
        object(() -> {
            pointStart(point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano());
            uint64("count", point.getCount());
            optionalDouble("sum", point.hasSum(), point.getSum());
            int32("scale", point.getScale());
            uint64("zeroCount", point.getZeroCount());
            field("positive");
            buckets(point.getPositive());
            field("negative");
            buckets(point.getNegative());
            uint32("flags", point.getFlags());
            array("exemplars", point.getExemplarsList(), this::exemplar);
            optionalDouble("min", point.hasMin(), point.getMin());
            optionalDouble("max", point.hasMax(), point.getMax());
            if (point.getZeroThreshold() != 0) {
                double64("zeroThreshold", point.getZeroThreshold());
            }
        });
    }

    private void buckets(ExponentialHistogramDataPoint.Buckets buckets) {
        object(() -> {
            int32("offset", buckets.getOffset());
            array("bucketCounts", buckets.getBucketCountsList(), this::uint64Value);
        });
    }

    private void summaryDataPoint(SummaryDataPoint point) {
        object(() -> {
            pointStart(point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano());
            uint64("count", point.getCount());
            if (point.getSum() != 0) {
                double64("sum", point.getSum());
            }
            array("quantileValues", point.getQuantileValuesList(), this::quantile);
            uint32("flags", point.getFlags());
        });
    }

    private void quantile(SummaryDataPoint.ValueAtQuantile quantile) {
        object(() -> {
            if (quantile.getQuantile() != 0) {
                double64("quantile", quantile.getQuantile());
            }
            if (quantile.getValue() != 0) {
                double64("value", quantile.getValue());
            }
        });
    }

    private void exemplar(Exemplar exemplar) {
        object(() -> {
            array("filteredAttributes", exemplar.getFilteredAttributesList(), this::keyValue);
            uint64("timeUnixNano", exemplar.getTimeUnixNano());
            switch (exemplar.getValueCase()) {
                case AS_DOUBLE -> double64("asDouble", exemplar.getAsDouble());
                case AS_INT -> int64("asInt", exemplar.getAsInt());
                case VALUE_NOT_SET -> {
                }
            }
            id("traceId", exemplar.getTraceId());
            id("spanId", exemplar.getSpanId());
        });
    }

    private void logRecord(LogRecord record) {
        object(() -> {
            uint64("timeUnixNano", record.getTimeUnixNano());
            uint64("observedTimeUnixNano", record.getObservedTimeUnixNano());
            uint32("severityNumber", record.getSeverityNumberValue());
            string("severityText", record.getSeverityText());
            field("body");
            anyValue(record.getBody());
            attributes(record.getAttributesList());
            uint32("droppedAttributesCount", record.getDroppedAttributesCount());
            uint32("flags", record.getFlags());
            id("traceId", record.getTraceId());
            id("spanId", record.getSpanId());
            string("eventName", record.getEventName());
        });
    }

    private void attributes(List<KeyValue> attributes) {
        array("attributes", attributes, this::keyValue);
    }

    private void keyValue(KeyValue kv) {
        object(() -> {
            string("key", kv.getKey());
            field("value");
            anyValue(kv.getValue());
            uint32("keyStrindex", kv.getKeyStrindex());
        });
    }

    private void anyValue(AnyValue value) {
        object(() -> {
            switch (value.getValueCase()) {
                case STRING_VALUE -> {
                    field("stringValue");
                    stringValue(value.getStringValue());
                }
                case BOOL_VALUE -> {
                    field("boolValue");
                    out.append(value.getBoolValue());
                }
                case INT_VALUE -> {
                    field("intValue");
                    stringValue(Long.toString(value.getIntValue()));
                }
                case DOUBLE_VALUE -> {
                    field("doubleValue");
                    doubleValue(value.getDoubleValue());
                }
                case ARRAY_VALUE -> {
                    field("arrayValue");
                    object(() -> array("values", value.getArrayValue().getValuesList(), this::anyValue));
                }
                case KVLIST_VALUE -> {
                    field("kvlistValue");
                    object(() -> array("values", value.getKvlistValue().getValuesList(), this::keyValue));
                }
                case BYTES_VALUE -> {
                    field("bytesValue");
                    stringValue(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
                }
                case STRING_VALUE_STRINDEX -> {
                    field("stringValueStrindex");
                    out.append(value.getStringValueStrindex());
                }
                default -> {
                    // An empty value is an empty object.
                }
            }
        });
    }

    private void doubleValue(double value) {
        if (Double.isNaN(value)) {
            stringValue("NaN");
        } else if (Double.isInfinite(value)) {
            stringValue(value > 0 ? "Infinity" : "-Infinity");
        } else {
            AttributeJson.appendJsonNumber(out, value);
        }
    }

    /** A double field, written even when zero (the callers decide, as pdata's optional and oneof fields do). */
    private void double64(String name, double value) {
        field(name);
        doubleValue(value);
    }

    /** A proto optional double: written, even when zero, only when set. */
    private void optionalDouble(String name, boolean set, double value) {
        if (set) {
            double64(name, value);
        }
    }

    /** A proto int64 in a oneof: a decimal string, written even when zero. */
    private void int64(String name, long value) {
        field(name);
        stringValue(Long.toString(value));
    }

    /** A proto sint32/int32: a JSON number, omitted when zero. */
    private void int32(String name, int value) {
        if (value != 0) {
            field(name);
            out.append(value);
        }
    }

    private void uint64Value(long value) {
        stringValue(Long.toUnsignedString(value));
    }

    private void id(String name, ByteString id) {
        if (!id.isEmpty()) {
            field(name);
            stringValue(HEX.formatHex(id.toByteArray()));
        }
    }

    private void string(String name, String value) {
        if (!value.isEmpty()) {
            field(name);
            stringValue(value);
        }
    }

    /** A proto uint32 or enum: a JSON number, omitted when zero. */
    private void uint32(String name, int value) {
        if (value != 0) {
            field(name);
            out.append(Integer.toUnsignedString(value));
        }
    }

    /** A proto fixed64: a decimal string, omitted when zero. */
    private void uint64(String name, long value) {
        if (value != 0) {
            field(name);
            stringValue(Long.toUnsignedString(value));
        }
    }

    /** A JSON string as pdata's stream (jsoniter without HTML escaping) writes it. */
    private void stringValue(String value) {
        AttributeJson.appendJsonString(out, value, false);
    }

    private <T> void array(String name, List<T> items, Consumer<T> writer) {
        if (items.isEmpty()) {
            return;
        }
        field(name);
        out.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writer.accept(items.get(i));
        }
        out.append(']');
    }

    private void object(Runnable fields) {
        if (depth == wrote.length) {
            wrote = Arrays.copyOf(wrote, depth * 2);
        }
        wrote[depth++] = false;
        out.append('{');
        fields.run();
        out.append('}');
        depth--;
    }

    private void field(String name) {
        if (wrote[depth - 1]) {
            out.append(',');
        }
        wrote[depth - 1] = true;
        out.append('"').append(name).append("\":");
    }
}
