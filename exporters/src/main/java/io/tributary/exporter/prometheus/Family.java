package io.tributary.exporter.prometheus;

import java.util.List;

/**
 * One metric family of a scrape, before escaping and encoding: what client_golang's registry
 * gathers into a {@code MetricFamily}. Its series are sorted as the registry sorts them; each
 * series' labels are sorted by name.
 *
 * @param name   the family name (a counter's includes its {@code _total})
 * @param help   written even when empty, as client_golang does
 * @param series every point of the family, all of the family's type
 */
record Family(String name, String help, Type type, List<Series> series) {
    enum Type { COUNTER, GAUGE, SUMMARY, HISTOGRAM }

    record Label(String name, String value) {
    }

    /** @param timestampMs the sample timestamp ({@code send_timestamps}), or null */
    record Series(List<Label> labels, Long timestampMs, Point point) {
    }

    /** A series' value, of its family's type. */
    sealed interface Point permits Counter, Gauge, Summary, Histogram {
    }

    /** @param exemplar null for none */
    record Counter(double value, Exemplar exemplar) implements Point {
    }

    record Gauge(double value) implements Point {
    }

    /** @param quantiles sorted by quantile */
    record Summary(long count, double sum, List<Quantile> quantiles) implements Point {
    }

    /** @param buckets cumulative, sorted by upper bound; a {@code +Inf} bucket only where one was given or an exemplar needed it */
    record Histogram(long count, double sum, List<Bucket> buckets) implements Point {
    }

    record Quantile(double quantile, double value) {
    }

    /** @param exemplar null for none */
    record Bucket(double upperBound, long cumulativeCount, Exemplar exemplar) {
    }

    /** @param labels {@code trace_id} and {@code span_id} when the exemplar has them */
    record Exemplar(List<Label> labels, double value, long timeUnixNano) {
    }
}
