package io.tributary.receiver.prometheus;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.data.Metrics;
import io.tributary.receiver.intake.ExportFailure;
import io.tributary.receiver.intake.Intake;
import io.tributary.receiver.prometheus.Exposition.Metadata;
import io.tributary.receiver.prometheus.Exposition.Sample;
import io.tributary.receiver.prometheus.ExpositionParser.ExpositionException;
import io.tributary.receiver.prometheus.ScrapeClient.ScrapeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scrapes of one target, as Prometheus' scrape loop runs them: each fetches the target,
 * parses what it returns, labels the samples (target labels, {@code honor_labels},
 * {@code metric_relabel_configs}, limits), marks stale the series the previous scrape had and
 * this one lacks, adds {@code up} and the {@code scrape_*} samples, and hands the result to the
 * pipelines as one request. A failed scrape (unreachable, not 200, unparseable, over a limit)
 * keeps none of its samples: it reports {@code up} 0 and marks every series stale. Scrapes of a
 * loop never overlap; a tick that comes while one runs is skipped, as Go's ticker drops it.
 */
final class ScrapeLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ScrapeLoop.class);
    /** Metadata of a family no longer exposed is kept this many scrapes, as Prometheus' scrape cache keeps it. */
    private static final int METADATA_SCRAPES = 10;
    /** Prometheus snaps a scrape's timestamp onto the interval grid when it is this close (at most 1% of the interval). */
    private static final Duration ALIGNMENT_TOLERANCE = Duration.ofMillis(2);

    /** What the loop needs from its receiver. */
    record Settings(Intake<Metrics> intake, Executor executor, Clock clock, boolean trimSuffixes, String version) {
    }

    private record MetadataEntry(Metadata metadata, long lastScrape) {
    }

    /** What appending one parsed exposition gave: the translation, the counts to report, and the error that fails the scrape. */
    private record Appended(ScrapeTranslation translation, int total, int added, int seriesAdded, Set<SortedMap<String, String>> raw,
            Set<SortedMap<String, String>> tracked, String error) {
    }

    private final Target target;
    private final ScrapeJob job;
    private final ScrapeClient client;
    private final Settings settings;
    private final SortedMap<String, String> targetLabels;
    private final AtomicBoolean busy = new AtomicBoolean();

    // Scrape state, touched by one scrape at a time.
    private final Map<String, MetadataEntry> metadata = new HashMap<>();
    /** The series (as exposed, before relabeling) of the last successful scrape: what {@code scrape_series_added} compares with. */
    private Set<SortedMap<String, String>> knownSeries = Set.of();
    /** The series (final labels) the previous scrape appended without a timestamp of their own: staleness candidates. */
    private Set<SortedMap<String, String>> trackedSeries = Set.of();
    private long scrapes;
    private Instant alignedTime;

    ScrapeLoop(Target target, ScrapeJob job, ScrapeClient client, Settings settings) {
        this.target = target;
        this.job = job;
        this.client = client;
        this.settings = settings;
        this.targetLabels = target.sampleLabels();
    }

    Target target() {
        return target;
    }

    /** A scheduler tick: starts a scrape at the current (grid-aligned) time unless one still runs. */
    void tick() {
        if (!busy.compareAndSet(false, true)) {
            return;
        }
        scrape(alignedNow()).whenComplete((done, error) -> busy.set(false));
    }

    /** Scrapes once, stamping samples with {@code scrapeTime}; completes once the result was handed on. */
    CompletableFuture<Void> scrape(Instant scrapeTime) {
        long start = System.nanoTime();
        return client.get(target.url(), target.timeout())
                .handleAsync((response, error) -> {
                    process(scrapeTime, start, response, error);
                    return null;
                }, settings.executor());
    }

    private void process(Instant scrapeTime, long startNanos, ScrapeClient.Response response, Throwable fetchError) {
        long timestamp = scrapeTime.toEpochMilli();
        String failure = fetchError == null ? null : fetchError.getMessage();
        long bodyBytes = fetchError instanceof ScrapeException scrape && scrape.bodyTooLarge ? -1 : 0;
        Appended appended = null;
        if (response != null) {
            bodyBytes = response.body().length;
            try {
                appended = append(parse(response), timestamp);
                failure = appended.error();
            } catch (ExpositionException e) {
                failure = e.getMessage();
            }
        }
        scrapes++;
        ScrapeTranslation translation;
        if (failure == null) {
            translation = appended.translation();
            knownSeries = appended.raw();
            trackedSeries = appended.tracked();
            metadata.values().removeIf(entry -> scrapes - entry.lastScrape() > METADATA_SCRAPES);
        } else {
            LOG.debug("Scrape failed for target {}: {}", target.url(), failure);
            // Nothing of a failed scrape is kept; every series it had is now stale.
            translation = translation();
            appendStaleMarkers(translation, Set.of(), timestamp);
            trackedSeries = Set.of();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        report(translation, timestamp, seconds, appended, bodyBytes, failure == null);
        commit(translation.request());
    }

    private Exposition parse(ScrapeClient.Response response) throws ExpositionException {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        Exposition exposition = ExpositionParser.parse(text, format(response.contentType()));
        exposition.metadata().forEach((family, meta) -> metadata.put(family, new MetadataEntry(meta, scrapes + 1)));
        return exposition;
    }

    /** The grammar for a response's {@code Content-Type}, the job's fallback for a missing or unknown one. */
    private ExpositionParser.Format format(String contentType) throws ExpositionException {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/openmetrics-text") && !mediaType.equals("text/plain")) {
            if (mediaType.equals("application/vnd.google.protobuf")) {
                throw new ExpositionException("the Prometheus protobuf format is not supported");
            }
            mediaType = job.fallback().mediaType();
        }
        return mediaType.equals("text/plain") ? ExpositionParser.Format.TEXT : ExpositionParser.Format.OPENMETRICS;
    }

    private Appended append(Exposition exposition, long timestamp) {
        ScrapeTranslation translation = translation();
        Set<SortedMap<String, String>> raw = new HashSet<>();
        Set<SortedMap<String, String>> tracked = new HashSet<>();
        ScrapeLimits limits = job.limits();
        int total = 0;
        int added = 0;
        int seriesAdded = 0;
        int duplicates = 0;
        long appended = 0;
        boolean overSampleLimit = false;
        String error = null;
        for (Sample sample : exposition.samples()) {
            total++;
            Long own = job.config().honorTimestamps() ? sample.timestampMs() : null;
            long at = own != null ? own : timestamp;
            SortedMap<String, String> labels = labels(sample.labels());
            if (labels == null) {
                continue;
            }
            if (!labels.containsKey(Labels.NAME)) {
                error = "missing metric name (__name__ label)";
                break;
            }
            error = labelLimitError(labels, limits);
            if (error != null) {
                break;
            }
            added++;
            if (!raw.add(sample.labels()) && own == null) {
                duplicates++;
                continue;
            }
            if (limits.sampleLimit() > 0 && ++appended > limits.sampleLimit()) {
                overSampleLimit = true;
                continue;
            }
            translation.append(labels, at, sample.value());
            if (own == null || job.config().trackTimestampsStaleness()) {
                tracked.add(labels);
            }
            if (!overSampleLimit && !knownSeries.contains(sample.labels())) {
                seriesAdded++;
            }
            if (sample.exemplar() != null) {
                translation.appendExemplar(labels, sample.exemplar(), at);
            }
        }
        if (duplicates > 0) {
            LOG.atWarn().setMessage("Error on ingesting samples with different value but same timestamp").addKeyValue("num_dropped", duplicates)
                    .addKeyValue("target", target.url().toString()).log();
        }
        if (error == null && overSampleLimit) {
            error = "sample limit exceeded";
        }
        if (error == null) {
            appendStaleMarkers(translation, tracked, timestamp);
        }
        return new Appended(translation, total, added, seriesAdded, raw, tracked, error);
    }

    /** A sample's labels once its target's are added and metric relabeling ran; null when relabeling drops it. */
    private SortedMap<String, String> labels(SortedMap<String, String> exposed) {
        SortedMap<String, String> labels = new TreeMap<>(exposed);
        if (job.config().honorLabels()) {
            targetLabels.forEach(labels::putIfAbsent);
        } else {
            List<Map.Entry<String, String>> conflicts = new ArrayList<>();
            targetLabels.forEach((name, value) -> {
                String exposedValue = exposed.getOrDefault(name, "");
                if (!exposedValue.isEmpty()) {
                    conflicts.add(Map.entry(name, exposedValue));
                }
                labels.put(name, value);
            });
            // The exposed value of a target label moves to exported_<name> (exported_exported_<name> if taken).
            conflicts.sort(Comparator.comparingInt(conflict -> conflict.getKey().length()));
            for (Map.Entry<String, String> conflict : conflicts) {
                String name = conflict.getKey();
                do {
                    name = Labels.EXPORTED_PREFIX + name;
                } while (!labels.getOrDefault(name, "").isEmpty());
                labels.put(name, conflict.getValue());
            }
        }
        return job.metricRelabeling().apply(labels) ? labels : null;
    }

    private static String labelLimitError(SortedMap<String, String> labels, ScrapeLimits limits) {
        String metric = truncate(labels.getOrDefault(Labels.NAME, ""));
        if (limits.labelLimit() > 0 && labels.size() > limits.labelLimit()) {
            return "label_limit exceeded (metric: " + metric + ", number of labels: " + labels.size() + ", limit: " + limits.labelLimit() + ")";
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            int nameLength = label.getKey().getBytes(StandardCharsets.UTF_8).length;
            if (limits.labelNameLengthLimit() > 0 && nameLength > limits.labelNameLengthLimit()) {
                return "label_name_length_limit exceeded (metric: " + metric + ", label name: " + truncate(label.getKey()) + ", length: "
                        + nameLength + ", limit: " + limits.labelNameLengthLimit() + ")";
            }
            int valueLength = label.getValue().getBytes(StandardCharsets.UTF_8).length;
            if (limits.labelValueLengthLimit() > 0 && valueLength > limits.labelValueLengthLimit()) {
                return "label_value_length_limit exceeded (metric: " + metric + ", label name: " + truncate(label.getKey()) + ", value: \""
                        + truncate(label.getValue()) + "\", length: " + valueLength + ", limit: " + limits.labelValueLengthLimit() + ")";
            }
        }
        return null;
    }

    private static String truncate(String text) {
        return text.length() > 50 ? text.substring(0, 50) : text;
    }

    /** A staleness marker for every series the previous scrape appended that {@code current} lacks. */
    private void appendStaleMarkers(ScrapeTranslation translation, Set<SortedMap<String, String>> current, long timestamp) {
        for (SortedMap<String, String> labels : trackedSeries) {
            if (!current.contains(labels)) {
                translation.append(labels, timestamp, StaleMarker.VALUE);
            }
        }
    }

    /** {@code up} and the {@code scrape_*} samples, with the target's labels, as Prometheus reports every scrape. */
    private void report(ScrapeTranslation translation, long timestamp, double seconds, Appended appended, long bodyBytes, boolean up) {
        int total = appended == null ? 0 : appended.total();
        int added = appended == null ? 0 : appended.added();
        int seriesAdded = appended == null ? 0 : appended.seriesAdded();
        translation.append(reportLabels("up"), timestamp, up ? 1 : 0);
        translation.append(reportLabels("scrape_duration_seconds"), timestamp, seconds);
        translation.append(reportLabels("scrape_samples_scraped"), timestamp, total);
        translation.append(reportLabels("scrape_samples_post_metric_relabeling"), timestamp, added);
        translation.append(reportLabels("scrape_series_added"), timestamp, seriesAdded);
        if (job.extraMetrics()) {
            translation.append(reportLabels("scrape_timeout_seconds"), timestamp, target.timeout().toNanos() / 1e9);
            translation.append(reportLabels("scrape_sample_limit"), timestamp, job.limits().sampleLimit());
            translation.append(reportLabels("scrape_body_size_bytes"), timestamp, bodyBytes);
        }
    }

    private SortedMap<String, String> reportLabels(String name) {
        SortedMap<String, String> labels = new TreeMap<>(targetLabels);
        labels.put(Labels.NAME, name);
        return labels;
    }

    private void commit(ExportMetricsServiceRequest request) {
        if (request.getResourceMetricsCount() == 0) {
            return;
        }
        Optional<ExportFailure> failure = settings.intake().export(request.toByteString(), ClientInfo.NONE);
        failure.ifPresent(f -> LOG.atWarn().setMessage("Scrape commit failed").addKeyValue("target", target.url().toString())
                .addKeyValue("error", f.message()).log());
    }

    private ScrapeTranslation translation() {
        Map<String, Metadata> current = new HashMap<>();
        metadata.forEach((family, entry) -> current.put(family, entry.metadata()));
        return new ScrapeTranslation(target, job.externalLabels(), current, settings.trimSuffixes(), settings.version());
    }

    /** Now, snapped back onto the grid of scrape times when within Prometheus' tolerance, so series keep regular timestamps. */
    private Instant alignedNow() {
        Instant now = settings.clock().instant();
        if (alignedTime == null) {
            alignedTime = now;
            return now;
        }
        Duration interval = target.interval();
        while (Duration.between(alignedTime, now).compareTo(interval) >= 0) {
            alignedTime = alignedTime.plus(interval);
        }
        Duration tolerance = interval.dividedBy(100).compareTo(ALIGNMENT_TOLERANCE) < 0 ? interval.dividedBy(100) : ALIGNMENT_TOLERANCE;
        return Duration.between(alignedTime, now).compareTo(tolerance) <= 0 ? alignedTime : now;
    }
}
