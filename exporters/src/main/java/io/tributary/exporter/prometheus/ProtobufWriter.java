package io.tributary.exporter.prometheus;

import com.google.protobuf.CodedOutputStream;
import io.tributary.exporter.prometheus.Family.Bucket;
import io.tributary.exporter.prometheus.Family.Exemplar;
import io.tributary.exporter.prometheus.Family.Label;
import io.tributary.exporter.prometheus.Family.Native;
import io.tributary.exporter.prometheus.Family.Quantile;
import io.tributary.exporter.prometheus.Family.Series;
import io.tributary.exporter.prometheus.Family.Span;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes families in Prometheus' protobuf exposition ({@code io.prometheus.client.MetricFamily}
 * messages, each preceded by its length), with the fields client_golang sets: what the text
 * formats cannot carry, native histograms' buckets and the created timestamps of counters,
 * summaries and histograms, goes this way to a scraper that asks for it (Prometheus with native
 * histograms on).
 */
final class ProtobufWriter {
    // io.prometheus.client's field numbers (metrics.proto, proto2: every field set is written, repeated scalars unpacked)
    private static final int FAMILY_NAME = 1;
    private static final int FAMILY_HELP = 2;
    private static final int FAMILY_TYPE = 3;
    private static final int FAMILY_METRIC = 4;
    private static final int METRIC_LABEL = 1;
    private static final int METRIC_GAUGE = 2;
    private static final int METRIC_COUNTER = 3;
    private static final int METRIC_SUMMARY = 4;
    private static final int METRIC_TIMESTAMP_MS = 6;
    private static final int METRIC_HISTOGRAM = 7;
    private static final int LABEL_NAME = 1;
    private static final int LABEL_VALUE = 2;
    private static final int VALUE = 1;
    private static final int COUNTER_EXEMPLAR = 2;
    private static final int COUNTER_CREATED = 3;
    private static final int SUMMARY_COUNT = 1;
    private static final int SUMMARY_SUM = 2;
    private static final int SUMMARY_QUANTILE = 3;
    private static final int SUMMARY_CREATED = 4;
    private static final int QUANTILE_QUANTILE = 1;
    private static final int QUANTILE_VALUE = 2;
    private static final int HISTOGRAM_COUNT = 1;
    private static final int HISTOGRAM_SUM = 2;
    private static final int HISTOGRAM_BUCKET = 3;
    private static final int HISTOGRAM_SCHEMA = 5;
    private static final int HISTOGRAM_ZERO_THRESHOLD = 6;
    private static final int HISTOGRAM_ZERO_COUNT = 7;
    private static final int HISTOGRAM_NEGATIVE_SPAN = 9;
    private static final int HISTOGRAM_NEGATIVE_DELTA = 10;
    private static final int HISTOGRAM_POSITIVE_SPAN = 12;
    private static final int HISTOGRAM_POSITIVE_DELTA = 13;
    private static final int HISTOGRAM_CREATED = 15;
    private static final int BUCKET_COUNT = 1;
    private static final int BUCKET_UPPER_BOUND = 2;
    private static final int BUCKET_EXEMPLAR = 3;
    private static final int SPAN_OFFSET = 1;
    private static final int SPAN_LENGTH = 2;
    private static final int EXEMPLAR_LABEL = 1;
    private static final int EXEMPLAR_VALUE = 2;
    private static final int EXEMPLAR_TIMESTAMP = 3;
    private static final int TIMESTAMP_SECONDS = 1;
    private static final int TIMESTAMP_NANOS = 2;

    private ProtobufWriter() {
    }

    static byte[] write(List<Family> families, ScrapeFormat.Escaping escaping) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            for (Family family : families) {
                byte[] message = family(family, escaping);
                CodedOutputStream length = CodedOutputStream.newInstance(out);
                length.writeUInt32NoTag(message.length);
                length.flush();
                out.write(message);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] family(Family family, ScrapeFormat.Escaping escaping) throws IOException {
        Message message = new Message();
        message.out.writeString(FAMILY_NAME, escaping.escape(family.name()));
        message.out.writeString(FAMILY_HELP, family.help());
        message.out.writeEnum(FAMILY_TYPE, switch (family.type()) {
            case COUNTER -> 0;
            case GAUGE -> 1;
            case SUMMARY -> 2;
            case HISTOGRAM -> 4;
        });
        for (Series series : family.series()) {
            message.out.writeByteArray(FAMILY_METRIC, metric(series, escaping));
        }
        return message.bytes();
    }

    private static byte[] metric(Series series, ScrapeFormat.Escaping escaping) throws IOException {
        Message message = new Message();
        for (Label label : series.labels()) {
            message.out.writeByteArray(METRIC_LABEL, label(new Label(escaping.escape(label.name()), label.value())));
        }
        if (series.point() instanceof Family.Gauge gauge) {
            Message value = new Message();
            value.out.writeDouble(VALUE, gauge.value());
            message.out.writeByteArray(METRIC_GAUGE, value.bytes());
        } else if (series.point() instanceof Family.Counter counter) {
            Message value = new Message();
            value.out.writeDouble(VALUE, counter.value());
            if (counter.exemplar() != null) {
                value.out.writeByteArray(COUNTER_EXEMPLAR, exemplar(counter.exemplar()));
            }
            if (counter.created() != null) {
                value.out.writeByteArray(COUNTER_CREATED, timestamp(counter.created()));
            }
            message.out.writeByteArray(METRIC_COUNTER, value.bytes());
        } else if (series.point() instanceof Family.Summary summary) {
            message.out.writeByteArray(METRIC_SUMMARY, summary(summary));
        }
        if (series.timestampMs() != null) {
            message.out.writeInt64(METRIC_TIMESTAMP_MS, series.timestampMs());
        }
        if (series.point() instanceof Family.Histogram histogram) {
            message.out.writeByteArray(METRIC_HISTOGRAM, histogram(histogram));
        }
        return message.bytes();
    }

    private static byte[] summary(Family.Summary summary) throws IOException {
        Message message = new Message();
        message.out.writeUInt64(SUMMARY_COUNT, summary.count());
        message.out.writeDouble(SUMMARY_SUM, summary.sum());
        for (Quantile quantile : summary.quantiles()) {
            Message value = new Message();
            value.out.writeDouble(QUANTILE_QUANTILE, quantile.quantile());
            value.out.writeDouble(QUANTILE_VALUE, quantile.value());
            message.out.writeByteArray(SUMMARY_QUANTILE, value.bytes());
        }
        if (summary.created() != null) {
            message.out.writeByteArray(SUMMARY_CREATED, timestamp(summary.created()));
        }
        return message.bytes();
    }

    private static byte[] histogram(Family.Histogram histogram) throws IOException {
        Message message = new Message();
        message.out.writeUInt64(HISTOGRAM_COUNT, histogram.count());
        message.out.writeDouble(HISTOGRAM_SUM, histogram.sum());
        for (Bucket bucket : histogram.buckets()) {
            Message value = new Message();
            value.out.writeUInt64(BUCKET_COUNT, bucket.cumulativeCount());
            value.out.writeDouble(BUCKET_UPPER_BOUND, bucket.upperBound());
            if (bucket.exemplar() != null) {
                value.out.writeByteArray(BUCKET_EXEMPLAR, exemplar(bucket.exemplar()));
            }
            message.out.writeByteArray(HISTOGRAM_BUCKET, value.bytes());
        }
        Native buckets = histogram.nativeBuckets();
        if (buckets != null) {
            message.out.writeSInt32(HISTOGRAM_SCHEMA, buckets.schema());
            message.out.writeDouble(HISTOGRAM_ZERO_THRESHOLD, buckets.zeroThreshold());
            message.out.writeUInt64(HISTOGRAM_ZERO_COUNT, buckets.zeroCount());
            spans(message, HISTOGRAM_NEGATIVE_SPAN, buckets.negativeSpans());
            for (long delta : buckets.negativeDeltas()) {
                message.out.writeSInt64(HISTOGRAM_NEGATIVE_DELTA, delta);
            }
            spans(message, HISTOGRAM_POSITIVE_SPAN, buckets.positiveSpans());
            for (long delta : buckets.positiveDeltas()) {
                message.out.writeSInt64(HISTOGRAM_POSITIVE_DELTA, delta);
            }
        }
        if (histogram.created() != null) {
            message.out.writeByteArray(HISTOGRAM_CREATED, timestamp(histogram.created()));
        }
        return message.bytes();
    }

    private static void spans(Message message, int field, List<Span> spans) throws IOException {
        for (Span span : spans) {
            Message value = new Message();
            value.out.writeSInt32(SPAN_OFFSET, span.offset());
            value.out.writeUInt32(SPAN_LENGTH, span.length());
            message.out.writeByteArray(field, value.bytes());
        }
    }

    private static byte[] exemplar(Exemplar exemplar) throws IOException {
        Message message = new Message();
        for (Label label : exemplar.labels()) {
            message.out.writeByteArray(EXEMPLAR_LABEL, label(label));
        }
        message.out.writeDouble(EXEMPLAR_VALUE, exemplar.value());
        message.out.writeByteArray(EXEMPLAR_TIMESTAMP, timestamp(Instant.ofEpochSecond(0, exemplar.timeUnixNano())));
        return message.bytes();
    }

    private static byte[] label(Label label) throws IOException {
        Message message = new Message();
        message.out.writeString(LABEL_NAME, label.name());
        message.out.writeString(LABEL_VALUE, label.value());
        return message.bytes();
    }

    /** A {@code google.protobuf.Timestamp} (proto3: zero fields left out). */
    private static byte[] timestamp(Instant instant) throws IOException {
        Message message = new Message();
        if (instant.getEpochSecond() != 0) {
            message.out.writeInt64(TIMESTAMP_SECONDS, instant.getEpochSecond());
        }
        if (instant.getNano() != 0) {
            message.out.writeInt32(TIMESTAMP_NANOS, instant.getNano());
        }
        return message.bytes();
    }

    /** One message being written; nested messages are written whole, then embedded as bytes. */
    private static final class Message {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
        private final CodedOutputStream out = CodedOutputStream.newInstance(buffer);

        byte[] bytes() throws IOException {
            out.flush();
            return buffer.toByteArray();
        }
    }
}
