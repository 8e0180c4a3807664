package io.tributary.exporter.prometheus;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.tributary.core.telemetry.PrometheusNaming;
import io.tributary.core.telemetry.PrometheusNaming.MetricType;
import io.tributary.exporter.prometheus.Accumulator.Accumulated;
import io.tributary.exporter.prometheus.Family.Bucket;
import io.tributary.exporter.prometheus.Family.Label;
import io.tributary.exporter.prometheus.Family.Point;
import io.tributary.exporter.prometheus.Family.Quantile;
import io.tributary.exporter.prometheus.Family.Series;
import io.tributary.translator.AttributeJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns the accumulated series into the families of one scrape, as otelcol's collector converts
 * them and client_golang's registry gathers them: names and labels by the translator
 * ({@link PrometheusNaming}), {@code job}, {@code instance}, the scope labels and the const
 * labels, a {@code target_info} per resource, exemplars on counters and histogram buckets.
 *
 * <p>What otelcol logs and leaves out, this reports to {@link Log#error} and leaves out:
 * a name or label that cannot be translated, a label name used twice or starting with {@code __},
 * a family name seen before with another type, an exponential histogram Prometheus cannot hold.
 * What client_golang's registry refuses is reported as a gathering error: a family whose help
 * differs, a name that collides with a histogram's or summary's sample names, a series with the
 * labels of one before it. A family's help is the first description seen for its name, kept while
 * the name keeps being scraped within {@code metric_expiration}; another description is reported
 * at each scrape, as otelcol logs it.
 */
final class MetricFamilies {
    static final String TARGET_INFO = "target_info";
    private static final HexFormat HEX = HexFormat.of();
    /** The most native-histogram buckets client_golang's schema allows: finer scales are folded down to it. */
    private static final int MAX_SCALE = 8;
    private static final int MIN_SCALE = -4;
    /** The scale of custom-bucket native histograms, which arrive as explicit histograms, never as exponential ones. */
    private static final int CUSTOM_BUCKETS_SCALE = -53;
    /** The zero threshold of a native histogram whose exponential histogram gave none, as Prometheus' remote-write translator. */
    private static final double DEFAULT_ZERO_THRESHOLD = 1e-128;
    /** Go's zero {@code time.Time}, the created timestamp client_golang writes for a native histogram without a start time. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    /** Where what otelcol logs while converting goes. */
    interface Log {
        void error(String message);

        /** A family's {@code instrument} has the help {@code existing}; a series came with the description {@code dropped}. */
        void descriptionConflict(String instrument, String existing, String dropped);
    }

    /** One scrape's families, and what the registry refused. */
    record Gathered(List<Family> families, List<String> errors) {
    }

    /** One series before gathering: its family's name, help and type, and its own labels and point. */
    private record Candidate(String name, String help, Family.Type type, List<Label> labels, Long timestampMs, Point point) {
    }

    /** A family name's first type and help, and when it was last scraped. */
    private record Known(Family.Type type, String help, Instant lastSeen) {
    }

    private final PrometheusExporterConfig config;
    private final String targetInfoName;
    private final Clock clock;
    private final Log log;
    /** By family name; guarded by {@code this}. */
    private final Map<String, Known> known = new HashMap<>();

    MetricFamilies(PrometheusExporterConfig config, Clock clock, Log log) {
        this.config = config;
        this.clock = clock;
        this.log = log;
        this.targetInfoName = targetInfoName(config, log);
    }

    /** otelcol prefixes {@code target_info} with the namespace as a label name; one it cannot translate is left out. */
    private static String targetInfoName(PrometheusExporterConfig config, Log log) {
        if (config.namespace().isEmpty()) {
            return TARGET_INFO;
        }
        try {
            return PrometheusNaming.labelName(config.namespace(), config.utf8Allowed()) + "_" + TARGET_INFO;
        } catch (IllegalArgumentException e) {
            log.error("failed to build namespace, ignoring: " + e.getMessage());
            return TARGET_INFO;
        }
    }

    synchronized Gathered gather(List<Accumulated> series) {
        Instant now = clock.instant();
        List<Candidate> candidates = new ArrayList<>(targetInfo(series));
        for (Accumulated accumulated : series) {
            try {
                candidates.add(convert(accumulated, now));
            } catch (IllegalArgumentException e) {
                log.error("failed to convert metric " + accumulated.metric().getName() + ": " + e.getMessage());
            }
        }
        Instant oldest = now.minus(config.metricExpiration());
        known.values().removeIf(family -> family.lastSeen().isBefore(oldest));
        return register(candidates);
    }

    /**
     * One {@code target_info} per resource that has both a {@code job} and an {@code instance}
     * (the first resource of each pair): every other resource attribute as a label, with the
     * values of attributes whose names translate alike joined by {@code ;}.
     */
    private List<Candidate> targetInfo(List<Accumulated> series) {
        Map<String, List<KeyValue>> resources = new LinkedHashMap<>();
        for (Accumulated accumulated : series) {
            String job = Accumulator.job(accumulated.resource()).orElse("");
            String instance = Accumulator.instance(accumulated.resource()).orElse("");
            if (!job.isEmpty() && !instance.isEmpty()) {
                resources.putIfAbsent(job + '\u00ff' + instance, accumulated.resource());
            }
        }
        List<Candidate> targets = new ArrayList<>();
        for (List<KeyValue> resource : resources.values()) {
            Map<String, String> labels = new LinkedHashMap<>();
            List<String> errors = new ArrayList<>();
            for (KeyValue attribute : resource) {
                String key = attribute.getKey();
                if (key.equals(Accumulator.SERVICE_NAME) || key.equals(Accumulator.SERVICE_NAMESPACE)
                        || key.equals(Accumulator.SERVICE_INSTANCE_ID)) {
                    continue;
                }
                try {
                    labels.merge(PrometheusNaming.labelName(key, config.utf8Allowed()), AttributeJson.asString(attribute.getValue()),
                            (first, second) -> first + ";" + second);
                } catch (IllegalArgumentException e) {
                    errors.add(e.getMessage());
                }
            }
            if (!errors.isEmpty()) {
                // otelcol gives up on every target_info of the scrape at the first resource it cannot translate
                log.error("failed to convert metric " + TARGET_INFO + ": " + String.join("; ", errors));
                return List.of();
            }
            Accumulator.job(resource).ifPresent(job -> labels.put("job", job));
            Accumulator.instance(resource).ifPresent(instance -> labels.put("instance", instance));
            try {
                List<Label> checked = labels(targetInfoName, labels.entrySet().stream().map(e -> new Label(e.getKey(), e.getValue())).toList(),
                        Map.of());
                targets.add(new Candidate(targetInfoName, "Target metadata", Family.Type.GAUGE, checked, null, new Family.Gauge(1)));
            } catch (IllegalArgumentException e) {
                log.error("failed to convert metric " + TARGET_INFO + ": " + e.getMessage());
            }
        }
        return targets;
    }

    private Candidate convert(Accumulated accumulated, Instant now) {
        Metric metric = accumulated.metric();
        return switch (metric.getDataCase()) {
            case GAUGE -> {
                NumberDataPoint point = metric.getGauge().getDataPoints(0);
                yield candidate(accumulated, MetricType.GAUGE, Family.Type.GAUGE, point.getAttributesList(), point.getTimeUnixNano(),
                        () -> new Family.Gauge(value(point)), now);
            }
            case SUM -> {
                NumberDataPoint point = metric.getSum().getDataPoints(0);
                boolean monotonic = metric.getSum().getIsMonotonic();
                yield candidate(accumulated, monotonic ? MetricType.MONOTONIC_COUNTER : MetricType.NON_MONOTONIC_COUNTER,
                        monotonic ? Family.Type.COUNTER : Family.Type.GAUGE, point.getAttributesList(), point.getTimeUnixNano(),
                        // client_golang takes exemplars on counters only, and keeps the last
                        () -> monotonic ? new Family.Counter(value(point), last(exemplars(point.getExemplarsList())),
                                created(point.getStartTimeUnixNano())) : new Family.Gauge(value(point)), now);
            }
            case HISTOGRAM -> {
                HistogramDataPoint point = metric.getHistogram().getDataPoints(0);
                yield candidate(accumulated, MetricType.HISTOGRAM, Family.Type.HISTOGRAM, point.getAttributesList(), point.getTimeUnixNano(),
                        () -> histogram(point), now);
            }
            case EXPONENTIAL_HISTOGRAM -> {
                ExponentialHistogramDataPoint point = metric.getExponentialHistogram().getDataPoints(0);
                yield candidate(accumulated, MetricType.EXPONENTIAL_HISTOGRAM, Family.Type.HISTOGRAM, point.getAttributesList(),
                        point.getTimeUnixNano(), () -> nativeHistogram(point), now);
            }
            case SUMMARY -> {
                SummaryDataPoint point = metric.getSummary().getDataPoints(0);
                yield candidate(accumulated, MetricType.SUMMARY, Family.Type.SUMMARY, point.getAttributesList(), point.getTimeUnixNano(),
                        () -> summary(point), now);
            }
            case DATA_NOT_SET -> throw new IllegalArgumentException("unknown metric type");
        };
    }

    /** The name, help and labels otelcol gives a point: its attributes, the scope's, {@code job} and {@code instance}, the const labels. */
    private Candidate candidate(Accumulated accumulated, MetricType metricType, Family.Type type, List<KeyValue> attributes,
            long timeUnixNano, Supplier<Point> point, Instant now) {
        Metric metric = accumulated.metric();
        String name = PrometheusNaming.metricName(metric.getName(), metric.getUnit(), metricType, config.namespace(), config.suffixes(),
                config.utf8Allowed());
        String help = help(name, metric.getDescription(), type, now);
        List<Label> labels = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Consumer<KeyValue> translated = attribute -> {
            try {
                labels.add(new Label(PrometheusNaming.labelName(attribute.getKey(), config.utf8Allowed()),
                        AttributeJson.asString(attribute.getValue())));
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        };
        attributes.forEach(translated);
        if (!config.withoutScopeInfo()) {
            accumulated.scope().getAttributesList().forEach(attribute ->
                    translated.accept(attribute.toBuilder().setKey("otel_scope_" + attribute.getKey()).build()));
            labels.add(new Label("otel_scope_name", accumulated.scope().getName()));
            labels.add(new Label("otel_scope_version", accumulated.scope().getVersion()));
            labels.add(new Label("otel_scope_schema_url", accumulated.scopeSchemaUrl()));
        }
        Accumulator.job(accumulated.resource()).ifPresent(job -> labels.add(new Label("job", job)));
        Accumulator.instance(accumulated.resource()).ifPresent(instance -> labels.add(new Label("instance", instance)));
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", errors));
        }
        Long timestampMs = config.sendTimestamps() ? Math.floorDiv(timeUnixNano, 1_000_000L) : null;
        return new Candidate(name, help, type, labels(name, labels, config.constLabels()), timestampMs, point.get());
    }

    /**
     * The family's help: the first description seen for {@code name}. A name seen before with
     * another type is refused, as otelcol refuses the instrument type conflict.
     */
    private String help(String name, String description, Family.Type type, Instant now) {
        Known family = known.get(name);
        if (family == null) {
            known.put(name, new Known(type, description, now));
            return description;
        }
        if (family.type() != type) {
            throw new IllegalArgumentException("instrument type conflict, using existing type definition. instrument: " + name
                    + ", existing: " + family.type() + ", dropped: " + type);
        }
        known.put(name, new Known(type, family.help(), now));
        if (!family.help().equals(description)) {
            log.descriptionConflict(name, family.help(), description);
        }
        return family.help();
    }

    /**
     * The labels of a series, const labels among them, sorted by name, as client_golang's
     * descriptor checks them: no name twice, none empty or starting with {@code __}.
     */
    private static List<Label> labels(String metricName, List<Label> variable, Map<String, String> constLabels) {
        List<Label> all = new ArrayList<>(variable.size() + constLabels.size());
        constLabels.forEach((name, value) -> all.add(new Label(name, value)));
        all.addAll(variable);
        Set<String> names = new HashSet<>();
        for (Label label : all) {
            if (label.name().isEmpty() || label.name().startsWith("__")) {
                throw new IllegalArgumentException("\"" + label.name() + "\" is not a valid label name for metric \"" + metricName + "\"");
            }
            if (!names.add(label.name())) {
                throw new IllegalArgumentException("duplicate label names in constant and variable labels for metric \"" + metricName + "\"");
            }
        }
        all.sort(Comparator.comparing(Label::name, MetricFamilies::goCompare));
        return List.copyOf(all);
    }

    private static double value(NumberDataPoint point) {
        return switch (point.getValueCase()) {
            case AS_INT -> point.getAsInt();
            case AS_DOUBLE -> point.getAsDouble();
            default -> 0;
        };
    }

    /**
     * The point's buckets made cumulative, by bound (a bound given twice counts once, with the
     * count at its first place); the overflow bucket is the count. Exemplars go to the first
     * bucket whose bound is at least their value, one past the last bound adding a {@code +Inf}
     * bucket; the last exemplar of a bucket wins.
     */
    private static Family.Histogram histogram(HistogramDataPoint point) {
        TreeMap<Double, Integer> firstIndexByBound = new TreeMap<>();
        for (int i = 0; i < point.getExplicitBoundsCount(); i++) {
            firstIndexByBound.putIfAbsent(point.getExplicitBounds(i), i);
        }
        List<Double> bounds = new ArrayList<>(firstIndexByBound.keySet());
        long[] cumulative = new long[bounds.size()];
        long running = 0;
        for (int i = 0; i < bounds.size(); i++) {
            int index = firstIndexByBound.get(bounds.get(i));
            running += index < point.getBucketCountsCount() ? point.getBucketCounts(index) : 0;
            cumulative[i] = running;
        }
        Family.Exemplar[] exemplarOf = new Family.Exemplar[bounds.size() + 1];
        boolean inf = false;
        for (Family.Exemplar exemplar : exemplars(point.getExemplarsList())) {
            int bucket = 0;
            while (bucket < bounds.size() && !(bounds.get(bucket) >= exemplar.value())) {
                bucket++;
            }
            inf |= bucket == bounds.size();
            exemplarOf[bucket] = exemplar;
        }
        List<Bucket> buckets = new ArrayList<>(bounds.size() + 1);
        for (int i = 0; i < bounds.size(); i++) {
            buckets.add(new Bucket(bounds.get(i), cumulative[i], exemplarOf[i]));
        }
        if (inf) {
            buckets.add(new Bucket(Double.POSITIVE_INFINITY, point.getCount(), exemplarOf[bounds.size()]));
        }
        return new Family.Histogram(point.getCount(), point.getSum(), List.copyOf(buckets), created(point.getStartTimeUnixNano()), null);
    }

    /**
     * An exponential histogram as the native histogram otelcol hands client_golang: the scale
     * (folded to at most 8), the zero threshold (client_golang's 1e-128 when none), the buckets,
     * each OpenTelemetry index one less than Prometheus' (whose buckets include their upper
     * bound). The text formats show only its count and sum (and a {@code +Inf} bucket). Refused as
     * client_golang refuses it: a scale below -4, the custom-buckets scale, or bucket counts that do
     * not add up to the count.
     */
    private static Family.Histogram nativeHistogram(ExponentialHistogramDataPoint point) {
        int scale = point.getScale();
        if (scale == CUSTOM_BUCKETS_SCALE) {
            throw new IllegalArgumentException("unexpected ExponentialHistogram with schema -53; CBNH is supported via classic histogram");
        }
        if (scale < MIN_SCALE) {
            throw new IllegalArgumentException("cannot convert exponential to native histogram: scale must be >= -4, was " + scale);
        }
        int scaleDown = Math.max(0, scale - MAX_SCALE);
        TreeMap<Integer, Long> positive = nativeBuckets(point.getPositive(), scaleDown);
        TreeMap<Integer, Long> negative = nativeBuckets(point.getNegative(), scaleDown);
        double sum = point.hasSum() ? point.getSum() : 0;
        long population = point.getZeroCount();
        for (long count : positive.values()) {
            population += count;
        }
        for (long count : negative.values()) {
            population += count;
        }
        if (Double.isNaN(sum) ? population > point.getCount() : population != point.getCount()) {
            throw new IllegalArgumentException("the sum of all bucket populations exceeds the count of observations");
        }
        List<Family.Span> negativeSpans = new ArrayList<>();
        List<Long> negativeDeltas = new ArrayList<>();
        spansAndDeltas(negative, negativeSpans, negativeDeltas);
        List<Family.Span> positiveSpans = new ArrayList<>();
        List<Long> positiveDeltas = new ArrayList<>();
        spansAndDeltas(positive, positiveSpans, positiveDeltas);
        double zeroThreshold = point.getZeroThreshold() == 0 ? DEFAULT_ZERO_THRESHOLD : point.getZeroThreshold();
        Instant created = point.getStartTimeUnixNano() >= 1_000_000_000L ? created(point.getStartTimeUnixNano()) : GO_ZERO_TIME;
        return new Family.Histogram(point.getCount(), sum, List.of(), created, new Family.Native(Math.min(scale, MAX_SCALE), zeroThreshold,
                point.getZeroCount(), List.copyOf(negativeSpans), List.copyOf(negativeDeltas), List.copyOf(positiveSpans),
                List.copyOf(positiveDeltas)));
    }

    /** Bucket counts by Prometheus index: OpenTelemetry's index plus one, folded {@code scaleDown} times. */
    private static TreeMap<Integer, Long> nativeBuckets(ExponentialHistogramDataPoint.Buckets buckets, int scaleDown) {
        TreeMap<Integer, Long> counts = new TreeMap<>();
        for (int i = 0; i < buckets.getBucketCountsCount(); i++) {
            counts.merge(((i + buckets.getOffset()) >> scaleDown) + 1, buckets.getBucketCounts(i), Long::sum);
        }
        return counts;
    }

    /** client_golang's spans and deltas of {@code counts}: a new span after a gap of more than two buckets, empty buckets in smaller gaps. */
    private static void spansAndDeltas(TreeMap<Integer, Long> counts, List<Family.Span> spans, List<Long> deltas) {
        long previous = 0;
        int next = 0;
        int spanOffset = 0;
        int spanLength = 0;
        boolean first = true;
        for (Map.Entry<Integer, Long> bucket : counts.entrySet()) {
            int gap = bucket.getKey() - next;
            if (first || gap > 2) {
                first = false;
                if (spanLength > 0) {
                    spans.add(new Family.Span(spanOffset, spanLength));
                }
                spanOffset = gap;
                spanLength = 0;
            } else {
                for (int j = 0; j < gap; j++) {
                    deltas.add(-previous);
                    previous = 0;
                    spanLength++;
                }
            }
            deltas.add(bucket.getValue() - previous);
            previous = bucket.getValue();
            spanLength++;
            next = bucket.getKey() + 1;
        }
        if (spanLength > 0) {
            spans.add(new Family.Span(spanOffset, spanLength));
        }
    }

    /** A point's start time as a created timestamp, when it is after the first second of 1970 (as otelcol requires). */
    private static Instant created(long startTimeUnixNano) {
        return startTimeUnixNano >= 1_000_000_000L ? Instant.ofEpochSecond(0, startTimeUnixNano) : null;
    }

    /** Quantiles by value (a quantile given twice keeps its last value). */
    private static Family.Summary summary(SummaryDataPoint point) {
        TreeMap<Double, Double> quantiles = new TreeMap<>();
        point.getQuantileValuesList().forEach(q -> quantiles.put(q.getQuantile(), q.getValue()));
        return new Family.Summary(point.getCount(), point.getSum(),
                quantiles.entrySet().stream().map(q -> new Quantile(q.getKey(), q.getValue())).toList(), created(point.getStartTimeUnixNano()));
    }

    /** Exemplars with their trace and span IDs (when set) as labels, as otelcol hands them to client_golang. */
    private static List<Family.Exemplar> exemplars(List<Exemplar> exemplars) {
        List<Family.Exemplar> converted = new ArrayList<>(exemplars.size());
        for (Exemplar exemplar : exemplars) {
            List<Label> labels = new ArrayList<>(2);
            if (!zero(exemplar.getTraceId())) {
                labels.add(new Label("trace_id", HEX.formatHex(exemplar.getTraceId().toByteArray())));
            }
            if (!zero(exemplar.getSpanId())) {
                labels.add(new Label("span_id", HEX.formatHex(exemplar.getSpanId().toByteArray())));
            }
            double value = exemplar.getValueCase() == Exemplar.ValueCase.AS_INT ? exemplar.getAsInt() : exemplar.getAsDouble();
            converted.add(new Family.Exemplar(List.copyOf(labels), value, exemplar.getTimeUnixNano()));
        }
        return converted;
    }

    private static boolean zero(ByteString id) {
        for (int i = 0; i < id.size(); i++) {
            if (id.byteAt(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static Family.Exemplar last(List<Family.Exemplar> exemplars) {
        return exemplars.isEmpty() ? null : exemplars.get(exemplars.size() - 1);
    }

    /**
     * What client_golang's registry does with the converted series: families by name (help and
     * type as the first series of the name has them), checked for collisions and duplicate series,
     * then sorted, families by name and series by their label values.
     */
    private static Gathered register(List<Candidate> candidates) {
        Map<String, List<Series>> seriesByFamily = new HashMap<>();
        Map<String, Candidate> firstByFamily = new HashMap<>();
        Set<List<Object>> seen = new HashSet<>();
        List<String> errors = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Candidate first = firstByFamily.get(candidate.name());
            if (first != null && !first.help().equals(candidate.help())) {
                errors.add("collected metric " + candidate.name() + " has help \"" + candidate.help() + "\" but should have \""
                        + first.help() + "\"");
                continue;
            }
            if (first != null && first.type() != candidate.type()) {
                errors.add("collected metric " + candidate.name() + " should be a " + first.type());
                continue;
            }
            if (first == null) {
                String collision = collision(candidate, firstByFamily);
                if (collision != null) {
                    errors.add(collision);
                    continue;
                }
            }
            if (candidate.type() == Family.Type.SUMMARY && candidate.labels().stream().anyMatch(label -> label.name().equals("quantile"))) {
                errors.add("collected metric " + described(candidate) + " must not have an explicit \"quantile\" label");
                continue;
            }
            if (!seen.add(List.of(candidate.name(), candidate.labels(), String.valueOf(candidate.timestampMs())))) {
                errors.add("collected metric " + described(candidate) + " was collected before with the same name and label values");
                continue;
            }
            firstByFamily.putIfAbsent(candidate.name(), candidate);
            seriesByFamily.computeIfAbsent(candidate.name(), name -> new ArrayList<>())
                    .add(new Series(candidate.labels(), candidate.timestampMs(), candidate.point()));
        }
        List<Family> families = new ArrayList<>(seriesByFamily.size());
        seriesByFamily.forEach((name, series) -> {
            series.sort(MetricFamilies::compareSeries);
            Candidate first = firstByFamily.get(name);
            families.add(new Family(name, first.help(), first.type(), List.copyOf(series)));
        });
        families.sort(Comparator.comparing(Family::name, MetricFamilies::goCompare));
        return new Gathered(List.copyOf(families), List.copyOf(errors));
    }

    /** A series in errors: its name and labels as Prometheus writes them, e.g. {@code "rpc" {job="svc"}}. */
    private static String described(Candidate candidate) {
        return "\"" + candidate.name() + "\" {" + candidate.labels().stream().map(label -> label.name() + "=\"" + label.value() + "\"")
                .collect(Collectors.joining(",")) + "}";
    }

    /** client_golang's check that a new family's samples cannot be mistaken for a histogram's or summary's, or the other way round. */
    private static String collision(Candidate candidate, Map<String, Candidate> families) {
        String name = candidate.name();
        for (String suffix : List.of("_count", "_sum", "_bucket")) {
            if (!name.endsWith(suffix)) {
                continue;
            }
            Candidate base = families.get(name.substring(0, name.length() - suffix.length()));
            if (base != null && (base.type() == Family.Type.HISTOGRAM || (base.type() == Family.Type.SUMMARY && !suffix.equals("_bucket")))) {
                return "collected metric named \"" + name + "\" collides with previously collected "
                        + (base.type() == Family.Type.HISTOGRAM ? "histogram" : "summary") + " named \"" + base.name() + "\"";
            }
            break;
        }
        boolean histogram = candidate.type() == Family.Type.HISTOGRAM;
        if (histogram || candidate.type() == Family.Type.SUMMARY) {
            for (String suffix : histogram ? List.of("_count", "_sum", "_bucket") : List.of("_count", "_sum")) {
                if (families.containsKey(name + suffix)) {
                    return "collected histogram or summary named \"" + name + "\" collides with previously collected metric named \""
                            + name + suffix + "\"";
                }
            }
        }
        return null;
    }

    /** client_golang's series order: fewer labels first, then label values in label order, then timestamps (none last). */
    private static int compareSeries(Series a, Series b) {
        if (a.labels().size() != b.labels().size()) {
            return Integer.compare(a.labels().size(), b.labels().size());
        }
        for (int i = 0; i < a.labels().size(); i++) {
            int byValue = goCompare(a.labels().get(i).value(), b.labels().get(i).value());
            if (byValue != 0) {
                return byValue;
            }
        }
        if (a.timestampMs() == null || b.timestampMs() == null) {
            return a.timestampMs() == null ? (b.timestampMs() == null ? 0 : 1) : -1;
        }
        return Long.compare(a.timestampMs(), b.timestampMs());
    }

    /** Go's string order: by UTF-8 bytes, which is code point order. */
    static int goCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
