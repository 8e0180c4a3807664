package io.tributary.exporter.debug;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.data.SignalData;
import io.tributary.translator.AttributeJson;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code normal} verbosity's text, as otelcol's normal marshalers write it: a line per
 * resource and per scope (schema URL in brackets, attributes as {@code key=value}), then a line
 * per span ({@code name traceID spanID attributes}), per metric data point
 * ({@code name{attributes} value}, Prometheus-like) or per log record ({@code body attributes}).
 * As otelcol's, a scope line carries its resource's index.
 */
final class NormalText extends SignalText {
    private NormalText() {
        super(new Headings("ResourceTraces", "ScopeTraces"), new Headings("ResourceMetrics", "ScopeMetrics"),
                new Headings("ResourceLog", "ScopeLog"));
    }

    static String of(SignalData<?, ?> data) {
        return new NormalText().write(data);
    }

    @Override
    void span(int index, Span span) {
        out.append(span.getName()).append(' ').append(GoText.hex(span.getTraceId())).append(' ')
                .append(GoText.hex(span.getSpanId()));
        if (span.getAttributesCount() > 0) {
            out.append(' ').append(attributes(span.getAttributesList(), " "));
        }
        out.append('\n');
    }

    /** A line per data point. */
    @Override
    void metric(int index, Metric metric) {
        switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsList().forEach(point -> numberPoint(metric, point));
            case SUM -> metric.getSum().getDataPointsList().forEach(point -> numberPoint(metric, point));
            case HISTOGRAM -> metric.getHistogram().getDataPointsList().forEach(point -> histogramPoint(metric, point));
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsList()
                    .forEach(point -> exponentialHistogramPoint(metric, point));
            case SUMMARY -> metric.getSummary().getDataPointsList().forEach(point -> summaryPoint(metric, point));
            case DATA_NOT_SET -> {
            }
        }
    }

    private void numberPoint(Metric metric, NumberDataPoint point) {
        String value = switch (point.getValueCase()) {
            case AS_INT -> Long.toString(point.getAsInt());
            case AS_DOUBLE -> GoText.v(point.getAsDouble());
            case VALUE_NOT_SET -> "";
        };
        point(metric, point.getAttributesList(), value);
    }

    private void histogramPoint(Metric metric, HistogramDataPoint point) {
        StringBuilder value = new StringBuilder("count=").append(Long.toUnsignedString(point.getCount()));
        sumMinMax(value, point.hasSum(), point.getSum(), point.hasMin(), point.getMin(), point.hasMax(), point.getMax());
        for (int i = 0; i < point.getBucketCountsCount(); i++) {
            value.append(' ');
            if (i < point.getExplicitBoundsCount()) {
                value.append("le").append(GoText.v(point.getExplicitBounds(i))).append('=');
            }
            value.append(Long.toUnsignedString(point.getBucketCounts(i)));
        }
        point(metric, point.getAttributesList(), value.toString());
    }

    /**
     * Each bucket by its upper bound, negative buckets first from the lowest, as otelcol's; the
     * bounds by fdlibm's exp (StrictMath), as in {@link DetailedText}.
     */
    private void exponentialHistogramPoint(Metric metric, ExponentialHistogramDataPoint point) {
        StringBuilder value = new StringBuilder("count=").append(Long.toUnsignedString(point.getCount()));
        sumMinMax(value, point.hasSum(), point.getSum(), point.hasMin(), point.getMin(), point.hasMax(), point.getMax());
        double factor = Math.scalb(Math.log(2), -point.getScale());
        ExponentialHistogramDataPoint.Buckets negative = point.getNegative();
        for (int i = negative.getBucketCountsCount() - 1; i >= 0; i--) {
            double upperBound = -StrictMath.exp(((double) negative.getOffset() + i) * factor);
            value.append(" le").append(GoText.v(upperBound)).append('=').append(Long.toUnsignedString(negative.getBucketCounts(i)));
        }
        if (point.getZeroCount() != 0) {
            value.append(" zero=").append(Long.toUnsignedString(point.getZeroCount()));
        }
        ExponentialHistogramDataPoint.Buckets positive = point.getPositive();
        for (int i = 0; i < positive.getBucketCountsCount(); i++) {
            double upperBound = StrictMath.exp(((double) positive.getOffset() + i + 1) * factor);
            value.append(" le").append(GoText.v(upperBound)).append('=').append(Long.toUnsignedString(positive.getBucketCounts(i)));
        }
        point(metric, point.getAttributesList(), value.toString());
    }

    private static void sumMinMax(StringBuilder value, boolean hasSum, double sum, boolean hasMin, double min, boolean hasMax, double max) {
        if (hasSum) {
            value.append(" sum=").append(GoText.v(sum));
        }
        if (hasMin) {
            value.append(" min=").append(GoText.v(min));
        }
        if (hasMax) {
            value.append(" max=").append(GoText.v(max));
        }
    }

    /** The sum with six decimals, unlike the other types' sums: otelcol's. */
    private void summaryPoint(Metric metric, SummaryDataPoint point) {
        StringBuilder value = new StringBuilder("count=").append(Long.toUnsignedString(point.getCount()))
                .append(" sum=").append(GoText.f(point.getSum()));
        for (SummaryDataPoint.ValueAtQuantile quantile : point.getQuantileValuesList()) {
            value.append(" q").append(GoText.v(quantile.getQuantile())).append('=').append(GoText.v(quantile.getValue()));
        }
        point(metric, point.getAttributesList(), value.toString());
    }

    private void point(Metric metric, List<KeyValue> attributes, String value) {
        out.append(metric.getName()).append('{').append(attributes(attributes, ",")).append("} ").append(value).append('\n');
    }

    /** A record's body, a space, then its attributes: the space stays when there are none, as otelcol's. */
    @Override
    void logRecord(int index, LogRecord record) {
        out.append(AttributeJson.asString(record.getBody())).append(' ').append(attributes(record.getAttributesList(), " ")).append('\n');
    }

    @Override
    void resource(String heading, int index, String schemaUrl, Resource resource) {
        out.append(heading).append(" #").append(index);
        if (!schemaUrl.isEmpty()) {
            out.append(" [").append(schemaUrl).append(']');
        }
        attributesAfterSpace(resource.getAttributesList());
        out.append('\n');
    }

    /** {@code name@version [schemaURL]}, each part only when set; numbered, as otelcol's, by its resource's index. */
    @Override
    void scope(String heading, int resourceIndex, int index, String schemaUrl, InstrumentationScope scope) {
        out.append(heading).append(" #").append(resourceIndex);
        String details = scope.getName() + (scope.getVersion().isEmpty() ? "" : "@" + scope.getVersion());
        if (!schemaUrl.isEmpty()) {
            details += (details.isEmpty() ? "" : " ") + "[" + schemaUrl + "]";
        }
        if (!details.isEmpty()) {
            out.append(' ').append(details);
        }
        attributesAfterSpace(scope.getAttributesList());
        out.append('\n');
    }

    private void attributesAfterSpace(List<KeyValue> attributes) {
        if (!attributes.isEmpty()) {
            out.append(' ').append(attributes(attributes, " "));
        }
    }

    private static String attributes(List<KeyValue> attributes, String separator) {
        return attributes.stream().map(kv -> kv.getKey() + "=" + AttributeJson.asString(kv.getValue())).collect(Collectors.joining(separator));
    }
}
