package io.tributary.receiver.prometheus;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a scrape returned, parsed: the metadata of each metric family by the name its
 * {@code # TYPE}/{@code # HELP}/{@code # UNIT} lines give, and the samples in order.
 */
record Exposition(Map<String, Metadata> metadata, List<Sample> samples) {
    /** A family's type (Prometheus' names: {@code counter}, {@code gauge}, …, {@code unknown}), help and unit. */
    record Metadata(String type, String help, String unit) {
        static final String UNKNOWN = "unknown";
    }

    /**
     * One sample line: every label including {@code __name__}, the value, the timestamp in
     * milliseconds when the line gives one, and its exemplar (OpenMetrics) or null.
     */
    record Sample(SortedMap<String, String> labels, double value, Long timestampMs, Exemplar exemplar) {
        String name() {
            return labels.get(Labels.NAME);
        }
    }

    /** An OpenMetrics exemplar: its labels, value and timestamp in milliseconds (null when not given). */
    record Exemplar(SortedMap<String, String> labels, double value, Long timestampMs) {
    }
}
