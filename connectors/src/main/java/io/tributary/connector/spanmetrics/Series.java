package io.tributary.connector.spanmetrics;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import java.util.List;

/**
 * One stream of data points of a metric: its attributes, when it started, what it counted and,
 * when exemplars are on, the spans it shows. The overflow series (past
 * {@code aggregation_cardinality_limit}) gets no exemplars, as in otelcol.
 */
abstract class Series {
    final List<KeyValue> attributes;
    final long startUnixNano;
    final boolean overflow;
    /** Null when exemplars are off. */
    final Exemplars exemplars;

    Series(List<KeyValue> attributes, long startUnixNano, boolean overflow, int maxExemplars) {
        this.attributes = attributes;
        this.startUnixNano = startUnixNano;
        this.overflow = overflow;
        this.exemplars = maxExemplars < 0 ? null : new Exemplars(maxExemplars);
    }

    /** Counts {@code count} spans of this duration. */
    abstract void record(double duration, long count);

    /** Adds the data point from {@code start} to {@code time} to the metric, whose data the caller has set up. */
    abstract void writePoint(Metric.Builder metric, long start, long time, boolean cumulative);

    /** Makes the series of a table, with its attributes, start, whether it is the overflow series, and the exemplar bound (-1: none). */
    interface Factory<S extends Series> {
        S create(List<KeyValue> attributes, long startUnixNano, boolean overflow, int maxExemplars);
    }
}
