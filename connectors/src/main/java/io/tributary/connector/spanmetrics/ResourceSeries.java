package io.tributary.connector.spanmetrics;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/**
 * The metrics of the spans of one resource (as {@code resource_metrics_key_attributes} tells
 * resources apart): the resource attributes first seen under that key, which the output carries,
 * and a series table per metric ({@code durations} null when the histogram is disabled).
 */
final class ResourceSeries {
    final List<KeyValue> attributes;
    final SeriesTable<CallCount> calls;
    final SeriesTable<? extends Series> durations;
    final SeriesTable<CallCount> events;
    /** When spans of this resource last arrived; kept only with {@code metrics_expiration}. */
    long lastSeenUnixNano;

    ResourceSeries(List<KeyValue> attributes, SeriesTable<CallCount> calls, SeriesTable<? extends Series> durations,
            SeriesTable<CallCount> events) {
        this.attributes = attributes;
        this.calls = calls;
        this.durations = durations;
        this.events = events;
    }

    int seriesCount() {
        return calls.series().size() + (durations == null ? 0 : durations.series().size()) + events.series().size();
    }

    void clearExemplars() {
        calls.clearExemplars();
        events.clearExemplars();
        if (durations != null) {
            durations.clearExemplars();
        }
    }
}
