package io.tributary.exporter.prometheus;

import java.time.Instant;
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

    /**
     * @param exemplar null for none
     * @param created  when counting started (the point's start time), or null
     */
    record Counter(double value, Exemplar exemplar, Instant created) implements Point {
    }

    record Gauge(double value) implements Point {
    }

    /**
     * @param quantiles sorted by quantile
     * @param created   when counting started, or null
     */
    record Summary(long count, double sum, List<Quantile> quantiles, Instant created) implements Point {
    }

    /**
     * A classic histogram (explicit {@code buckets}) or a native one ({@code nativeBuckets}).
     *
     * @param buckets       cumulative, sorted by upper bound; a {@code +Inf} bucket only where one was given or an exemplar needed it
     * @param created       when counting started, or null
     * @param nativeBuckets the exponential buckets, or null for a classic histogram
     */
    record Histogram(long count, double sum, List<Bucket> buckets, Instant created, Native nativeBuckets) implements Point {
    }

    /**
     * A native histogram's buckets as client_golang encodes them: spans of consecutive bucket
     * indexes (gaps of up to two buckets filled with empty ones) and each bucket's count as the
     * difference from the one before.
     */
    record Native(int schema, double zeroThreshold, long zeroCount, List<Span> negativeSpans, List<Long> negativeDeltas,
            List<Span> positiveSpans, List<Long> positiveDeltas) {
    }

    /** @param offset the gap from the end of the span before (for the first span, the first index) */
    record Span(int offset, int length) {
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
