package io.tributary.exporter.prometheus;

import io.tributary.exporter.prometheus.Family.Bucket;
import io.tributary.exporter.prometheus.Family.Exemplar;
import io.tributary.exporter.prometheus.Family.Label;
import io.tributary.exporter.prometheus.Family.Quantile;
import io.tributary.exporter.prometheus.Family.Series;
import io.tributary.translator.GoFloats;
import java.util.List;

/**
 * Writes families as Prometheus' expfmt writes them, byte for byte: the text format 0.0.4 or
 * OpenMetrics, names escaped as the scrape asked ({@link ScrapeFormat.Escaping}) and quoted when
 * they are still not classic names. OpenMetrics adds what the text format has not: exemplars on
 * counters and buckets, integer counts, timestamps in seconds, {@code # EOF}; a counter's family
 * is named without its {@code _total} (one without that suffix is {@code unknown}).
 */
final class ExpositionWriter {
    private static final String TOTAL = "_total";

    private final StringBuilder out = new StringBuilder(4096);
    private final ScrapeFormat format;

    private ExpositionWriter(ScrapeFormat format) {
        this.format = format;
    }

    static String write(List<Family> families, ScrapeFormat format) {
        ExpositionWriter writer = new ExpositionWriter(format);
        for (Family family : families) {
            writer.family(family);
        }
        if (format.kind().openMetrics()) {
            writer.out.append("# EOF\n");
        }
        return writer.out.toString();
    }

    private boolean openMetrics() {
        return format.kind().openMetrics();
    }

    private void family(Family family) {
        String name = format.escaping().escape(family.name());
        boolean counter = family.type() == Family.Type.COUNTER;
        boolean totalSuffix = name.endsWith(TOTAL);
        String familyName = openMetrics() && counter && totalSuffix ? name.substring(0, name.length() - TOTAL.length()) : name;
        out.append("# HELP ");
        name(familyName);
        out.append(' ');
        escaped(family.help(), openMetrics());
        out.append("\n# TYPE ");
        name(familyName);
        out.append(' ').append(switch (family.type()) {
            case COUNTER -> openMetrics() && !totalSuffix ? "unknown" : "counter";
            case GAUGE -> "gauge";
            case SUMMARY -> "summary";
            case HISTOGRAM -> "histogram";
        }).append('\n');
        for (Series series : family.series()) {
            List<Label> labels = series.labels().stream()
                    .map(label -> new Label(format.escaping().escape(label.name()), label.value())).toList();
            series(name, labels, series);
        }
    }

    private void series(String name, List<Label> labels, Series series) {
        Long timestamp = series.timestampMs();
        if (series.point() instanceof Family.Counter counter) {
            sample(name, labels, null, 0, number(counter.value()), timestamp, counter.exemplar());
        } else if (series.point() instanceof Family.Gauge gauge) {
            sample(name, labels, null, 0, number(gauge.value()), timestamp, null);
        } else if (series.point() instanceof Family.Summary summary) {
            for (Quantile quantile : summary.quantiles()) {
                sample(name, labels, "quantile", quantile.quantile(), number(quantile.value()), timestamp, null);
            }
            sample(name + "_sum", labels, null, 0, number(summary.sum()), timestamp, null);
            sample(name + "_count", labels, null, 0, count(summary.count()), timestamp, null);
        } else if (series.point() instanceof Family.Histogram histogram) {
            boolean infSeen = false;
            for (Bucket bucket : histogram.buckets()) {
                sample(name + "_bucket", labels, "le", bucket.upperBound(), count(bucket.cumulativeCount()), timestamp, bucket.exemplar());
                infSeen |= bucket.upperBound() == Double.POSITIVE_INFINITY;
            }
            if (!infSeen) {
                sample(name + "_bucket", labels, "le", Double.POSITIVE_INFINITY, count(histogram.count()), timestamp, null);
            }
            sample(name + "_sum", labels, null, 0, number(histogram.sum()), timestamp, null);
            sample(name + "_count", labels, null, 0, count(histogram.count()), timestamp, null);
        }
    }

    /** One sample line; {@code extraLabel} ({@code le}, {@code quantile}) comes after the series' labels. */
    private void sample(String name, List<Label> labels, String extraLabel, double extraValue, String value, Long timestampMs,
            Exemplar exemplar) {
        labelled(name, labels, extraLabel, extraValue);
        out.append(' ').append(value);
        if (timestampMs != null) {
            out.append(' ').append(openMetrics() ? GoFloats.openMetrics(timestampMs / 1000.0) : Long.toString(timestampMs));
        }
        if (openMetrics() && exemplar != null && !exemplar.labels().isEmpty()) {
            out.append(" # ");
            labelled("", exemplar.labels(), null, 0);
            out.append(' ').append(GoFloats.openMetrics(exemplar.value())).append(' ')
                    .append(GoFloats.openMetrics(exemplar.timeUnixNano() / 1e9));
        }
        out.append('\n');
    }

    /** A name and its labels in braces; a name that is not a classic one goes quoted inside the braces. */
    private void labelled(String name, List<Label> labels, String extraLabel, double extraValue) {
        char separator = '{';
        boolean nameInBraces = !name.isEmpty() && !ScrapeFormat.classic(name);
        if (nameInBraces) {
            out.append(separator);
            separator = ',';
        }
        if (!name.isEmpty()) {
            name(name);
        }
        if (labels.isEmpty() && extraLabel == null) {
            if (nameInBraces) {
                out.append('}');
            }
            return;
        }
        for (Label label : labels) {
            out.append(separator);
            name(label.name());
            out.append("=\"");
            escaped(label.value(), true);
            out.append('"');
            separator = ',';
        }
        if (extraLabel != null) {
            out.append(separator).append(extraLabel).append("=\"").append(number(extraValue)).append('"');
        }
        out.append('}');
    }

    private void name(String name) {
        if (ScrapeFormat.classic(name)) {
            out.append(name);
        } else {
            out.append('"');
            escaped(name, true);
            out.append('"');
        }
    }

    /** Backslashes and newlines escaped, and double quotes when {@code quotes}. */
    private void escaped(String text, boolean quotes) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(quotes ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
    }

    private String number(double value) {
        if (openMetrics()) {
            return GoFloats.openMetrics(value);
        }
        // expfmt writes 1, 0 and -1 itself, so a negative zero is "0"
        return value == 0 ? "0" : GoFloats.format(value);
    }

    /** A count: an integer in OpenMetrics, a float in the text format ({@code 1.234567e+06}). */
    private String count(long count) {
        if (openMetrics()) {
            return Long.toUnsignedString(count);
        }
        double asDouble = count >= 0 ? count : (count >>> 1) * 2.0 + (count & 1);
        return number(asDouble);
    }
}
