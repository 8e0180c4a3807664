package io.tributary.exporter.debug;

import io.opentelemetry.proto.common.v1.EntityRef;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.data.SignalData;
import java.util.List;
import java.util.Locale;

/**
 * The {@code detailed} verbosity's text, in the layout of otelcol's otlptext marshalers: every
 * resource (schema URL, attributes, entity refs) and scope, then every field of every span,
 * metric (descriptor, then each data point of its type with its exemplars) or log record, one
 * per line; values typed as {@code Str(GET)}, timestamps as Go prints them.
 */
final class DetailedText extends SignalText {
    private static final double LN2 = Math.log(2);

    private DetailedText() {
        super(new Headings("ResourceSpans", "ScopeSpans"), new Headings("ResourceMetrics", "ScopeMetrics"),
                new Headings("ResourceLog", "ScopeLogs"));
    }

    static String of(SignalData<?, ?> data) {
        return new DetailedText().write(data);
    }

    @Override
    void span(int index, Span span) {
        line("Span #" + index);
        field("Trace ID", GoText.hex(span.getTraceId()));
        field("Parent ID", GoText.hex(span.getParentSpanId()));
        field("ID", GoText.hex(span.getSpanId()));
        field("Name", span.getName());
        field("Kind", enumName(span.getKind().name(), "SPAN_KIND_"));
        if (!span.getTraceState().isEmpty()) {
            field("TraceState", span.getTraceState());
        }
        field("Start time", GoText.timestamp(span.getStartTimeUnixNano()));
        field("End time", GoText.timestamp(span.getEndTimeUnixNano()));
        field("Status code", enumName(span.getStatus().getCode().name(), "STATUS_CODE_"));
        field("Status message", span.getStatus().getMessage());
        field("DroppedAttributesCount", Integer.toUnsignedString(span.getDroppedAttributesCount()));
        field("DroppedEventsCount", Integer.toUnsignedString(span.getDroppedEventsCount()));
        field("DroppedLinksCount", Integer.toUnsignedString(span.getDroppedLinksCount()));
        attributes("Attributes", span.getAttributesList());
        if (span.getEventsCount() > 0) {
            line("Events:");
            for (int e = 0; e < span.getEventsCount(); e++) {
                Span.Event event = span.getEvents(e);
                line("SpanEvent #" + e);
                line("     -> Name: " + event.getName());
                line("     -> Timestamp: " + GoText.timestamp(event.getTimeUnixNano()));
                line("     -> DroppedAttributesCount: " + Integer.toUnsignedString(event.getDroppedAttributesCount()));
                attributes("     -> Attributes:", event.getAttributesList());
            }
        }
        if (span.getLinksCount() > 0) {
            line("Links:");
            for (int l = 0; l < span.getLinksCount(); l++) {
                Span.Link link = span.getLinks(l);
                line("SpanLink #" + l);
                line("     -> Trace ID: " + GoText.hex(link.getTraceId()));
                line("     -> ID: " + GoText.hex(link.getSpanId()));
                line("     -> TraceState: " + link.getTraceState());
                line("     -> DroppedAttributesCount: " + Integer.toUnsignedString(link.getDroppedAttributesCount()));
                attributes("     -> Attributes:", link.getAttributesList());
            }
        }
    }

    @Override
    void metric(int index, Metric metric) {
        line("Metric #" + index);
        line("Descriptor:");
        line("     -> Name: " + metric.getName());
        line("     -> Description: " + metric.getDescription());
        line("     -> Unit: " + metric.getUnit());
        line("     -> DataType: " + dataType(metric));
        attributes("     -> Metadata", metric.getMetadataList());
        switch (metric.getDataCase()) {
            case GAUGE -> numberPoints(metric.getGauge().getDataPointsList());
            case SUM -> {
                line("     -> IsMonotonic: " + metric.getSum().getIsMonotonic());
                temporality(metric.getSum().getAggregationTemporality());
                numberPoints(metric.getSum().getDataPointsList());
            }
            case HISTOGRAM -> {
                temporality(metric.getHistogram().getAggregationTemporality());
                List<HistogramDataPoint> points = metric.getHistogram().getDataPointsList();
                for (int i = 0; i < points.size(); i++) {
                    histogramPoint(i, points.get(i));
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                temporality(metric.getExponentialHistogram().getAggregationTemporality());
                List<ExponentialHistogramDataPoint> points = metric.getExponentialHistogram().getDataPointsList();
                for (int i = 0; i < points.size(); i++) {
                    exponentialHistogramPoint(i, points.get(i));
                }
            }
            case SUMMARY -> {
                List<SummaryDataPoint> points = metric.getSummary().getDataPointsList();
                for (int i = 0; i < points.size(); i++) {
                    summaryPoint(i, points.get(i));
                }
            }
            case DATA_NOT_SET -> {
            }
        }
    }

    private void temporality(AggregationTemporality temporality) {
        line("     -> AggregationTemporality: " + enumName(temporality.name(), "AGGREGATION_TEMPORALITY_"));
    }

    private void numberPoints(List<NumberDataPoint> points) {
        for (int i = 0; i < points.size(); i++) {
            numberPoint(i, points.get(i));
        }
    }

    private void numberPoint(int index, NumberDataPoint point) {
        pointHeading("NumberDataPoints", index, point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano());
        switch (point.getValueCase()) {
            case AS_INT -> line("Value: " + point.getAsInt());
            case AS_DOUBLE -> line("Value: " + GoText.f(point.getAsDouble()));
            case VALUE_NOT_SET -> {
            }
        }
        exemplars(point.getExemplarsList());
    }

    private void histogramPoint(int index, HistogramDataPoint point) {
        pointHeading("HistogramDataPoints", index, point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano());
        line("Count: " + Long.toUnsignedString(point.getCount()));
        sumMinMax(point.hasSum(), point.getSum(), point.hasMin(), point.getMin(), point.hasMax(), point.getMax());
        for (int i = 0; i < point.getExplicitBoundsCount(); i++) {
            line("ExplicitBounds #" + i + ": " + GoText.f(point.getExplicitBounds(i)));
        }
        for (int i = 0; i < point.getBucketCountsCount(); i++) {
            line("Buckets #" + i + ", Count: " + Long.toUnsignedString(point.getBucketCounts(i)));
        }
        exemplars(point.getExemplarsList());
    }

    /**
     * Each bucket with both bounds, negative buckets first from the lowest, as otelcol's; the
     * bounds by fdlibm's exp (StrictMath), which Go's portable math.Exp ports, so that they print
     * alike (Go's assembly exp on amd64 and arm64 may differ in the last bit).
     */
    private void exponentialHistogramPoint(int index, ExponentialHistogramDataPoint point) {
        pointHeading("ExponentialHistogramDataPoints", index, point.getAttributesList(), point.getStartTimeUnixNano(),
                point.getTimeUnixNano());
        line("Count: " + Long.toUnsignedString(point.getCount()));
        sumMinMax(point.hasSum(), point.getSum(), point.hasMin(), point.getMin(), point.hasMax(), point.getMax());
        double factor = Math.scalb(LN2, -point.getScale());
        ExponentialHistogramDataPoint.Buckets negative = point.getNegative();
        for (int i = negative.getBucketCountsCount() - 1; i >= 0; i--) {
            double bucket = (double) negative.getOffset() + i;
            line("Bucket [" + GoText.f(-StrictMath.exp((bucket + 1) * factor)) + ", " + GoText.f(-StrictMath.exp(bucket * factor))
                    + "), Count: " + Long.toUnsignedString(negative.getBucketCounts(i)));
        }
        if (point.getZeroCount() != 0) {
            line("Bucket [0, 0], Count: " + Long.toUnsignedString(point.getZeroCount()));
        }
        ExponentialHistogramDataPoint.Buckets positive = point.getPositive();
        for (int i = 0; i < positive.getBucketCountsCount(); i++) {
            double bucket = (double) positive.getOffset() + i;
            line("Bucket (" + GoText.f(StrictMath.exp(bucket * factor)) + ", " + GoText.f(StrictMath.exp((bucket + 1) * factor))
                    + "], Count: " + Long.toUnsignedString(positive.getBucketCounts(i)));
        }
        exemplars(point.getExemplarsList());
    }

    private void summaryPoint(int index, SummaryDataPoint point) {
        pointHeading("SummaryDataPoints", index, point.getAttributesList(), point.getStartTimeUnixNano(), point.getTimeUnixNano());
        line("Count: " + Long.toUnsignedString(point.getCount()));
        line("Sum: " + GoText.f(point.getSum()));
        for (int i = 0; i < point.getQuantileValuesCount(); i++) {
            SummaryDataPoint.ValueAtQuantile quantile = point.getQuantileValues(i);
            line("QuantileValue #" + i + ": Quantile " + GoText.f(quantile.getQuantile()) + ", Value " + GoText.f(quantile.getValue()));
        }
    }

    private void pointHeading(String kind, int index, List<KeyValue> attributes, long startTime, long time) {
        line(kind + " #" + index);
        attributes("Data point attributes", attributes);
        line("StartTimestamp: " + GoText.timestamp(startTime));
        line("Timestamp: " + GoText.timestamp(time));
    }

    private void sumMinMax(boolean hasSum, double sum, boolean hasMin, double min, boolean hasMax, double max) {
        if (hasSum) {
            line("Sum: " + GoText.f(sum));
        }
        if (hasMin) {
            line("Min: " + GoText.f(min));
        }
        if (hasMax) {
            line("Max: " + GoText.f(max));
        }
    }

    private void exemplars(List<Exemplar> exemplars) {
        if (exemplars.isEmpty()) {
            return;
        }
        line("Exemplars:");
        for (int i = 0; i < exemplars.size(); i++) {
            Exemplar exemplar = exemplars.get(i);
            line("Exemplar #" + i);
            line("     -> Trace ID: " + GoText.hex(exemplar.getTraceId()));
            line("     -> Span ID: " + GoText.hex(exemplar.getSpanId()));
            line("     -> Timestamp: " + GoText.timestamp(exemplar.getTimeUnixNano()));
            switch (exemplar.getValueCase()) {
                case AS_INT -> line("     -> Value: " + exemplar.getAsInt());
                case AS_DOUBLE -> line("     -> Value: " + GoText.f(exemplar.getAsDouble()));
                case VALUE_NOT_SET -> {
                }
            }
            attributes("     -> FilteredAttributes", exemplar.getFilteredAttributesList());
        }
    }

    private static String dataType(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> "Gauge";
            case SUM -> "Sum";
            case HISTOGRAM -> "Histogram";
            case EXPONENTIAL_HISTOGRAM -> "ExponentialHistogram";
            case SUMMARY -> "Summary";
            case DATA_NOT_SET -> "Empty";
        };
    }

    @Override
    void logRecord(int index, LogRecord record) {
        line("LogRecord #" + index);
        line("ObservedTimestamp: " + GoText.timestamp(record.getObservedTimeUnixNano()));
        line("Timestamp: " + GoText.timestamp(record.getTimeUnixNano()));
        line("SeverityText: " + record.getSeverityText());
        line("SeverityNumber: " + enumName(record.getSeverityNumber().name(), "SEVERITY_NUMBER_") + "("
                + record.getSeverityNumberValue() + ")");
        if (!record.getEventName().isEmpty()) {
            line("EventName: " + record.getEventName());
        }
        line("Body: " + GoText.typed(record.getBody()));
        attributes("Attributes", record.getAttributesList());
        line("Trace ID: " + GoText.hex(record.getTraceId()));
        line("Span ID: " + GoText.hex(record.getSpanId()));
        line("Flags: " + Integer.toUnsignedString(record.getFlags()));
    }

    @Override
    void resource(String heading, int index, String schemaUrl, Resource resource) {
        line(heading + " #" + index);
        line("Resource SchemaURL: " + schemaUrl);
        attributes("Resource attributes", resource.getAttributesList());
        List<EntityRef> refs = resource.getEntityRefsList();
        if (refs.isEmpty()) {
            return;
        }
        line("Resource entity refs:");
        for (int i = 0; i < refs.size(); i++) {
            EntityRef ref = refs.get(i);
            line("     -> Entity ref #" + i + ":");
            line("          -> Type: " + ref.getType());
            if (!ref.getSchemaUrl().isEmpty()) {
                line("          -> Schema URL: " + ref.getSchemaUrl());
            }
            keys("ID keys", ref.getIdKeysList());
            keys("Description keys", ref.getDescriptionKeysList());
        }
    }

    private void keys(String heading, List<String> keys) {
        if (!keys.isEmpty()) {
            line("          -> " + heading + ":");
            keys.forEach(key -> line("               -> " + key));
        }
    }

    @Override
    void scope(String heading, int resourceIndex, int index, String schemaUrl, InstrumentationScope scope) {
        line(heading + " #" + index);
        line(heading + " SchemaURL: " + schemaUrl);
        line("InstrumentationScope " + scope.getName() + " " + scope.getVersion());
        attributes("InstrumentationScope attributes", scope.getAttributesList());
    }

    /**
     * {@code heading:}, then a line per attribute; a heading that is itself an entry
     * ({@code "     -> Attributes:"}) indents its attributes under it, and keeps its colon
     * before the added one, as otelcol's.
     */
    private void attributes(String heading, List<KeyValue> attributes) {
        if (attributes.isEmpty()) {
            return;
        }
        line(heading + ":");
        int arrow = heading.indexOf("->");
        String prefix = (arrow < 0 ? "" : heading.substring(0, arrow)) + "     ->";
        for (KeyValue kv : attributes) {
            line(prefix + " " + kv.getKey() + ": " + GoText.typed(kv.getValue()));
        }
    }

    /** A span field, its name padded to 15 as otelcol's {@code %-15s}. */
    private void field(String name, String value) {
        line("    " + String.format(Locale.ROOT, "%-15s", name) + ": " + value);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    /**
     * pdata's name of an enum constant: {@code SPAN_KIND_SERVER} → {@code Server},
     * {@code SEVERITY_NUMBER_WARN2} → {@code Warn2}; empty for a number outside the enum.
     */
    private static String enumName(String constant, String prefix) {
        String word = constant.startsWith(prefix) ? constant.substring(prefix.length()) : "";
        return word.isEmpty() ? word : word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT);
    }
}
