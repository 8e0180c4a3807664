package io.tributary.receiver.prometheus;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One endpoint to scrape, with its labels after target relabeling, as Prometheus builds it from a
 * static config's address: {@code job}, {@code instance} (the address unless relabeling set it)
 * and the group's labels go on every sample; {@code __scheme__}, {@code __metrics_path__},
 * {@code __param_*}, {@code __scrape_interval__} and {@code __scrape_timeout__} make the URL and
 * the schedule, so relabeling may change them per target.
 *
 * @param labels     every label of the target, reserved ones included
 * @param discovered the labels before relabeling, of which the resource takes {@code __scheme__}
 */
record Target(SortedMap<String, String> labels, SortedMap<String, String> discovered, URI url, Duration interval, Duration timeout) {
    /** A target the config names but cannot scrape, with the reason in Prometheus' words. */
    static final class InvalidTargetException extends Exception {
        InvalidTargetException(String message) {
            super(message);
        }
    }

    /**
     * The target for {@code address} of a static group, or null when relabeling drops it.
     *
     * @throws InvalidTargetException when the labels relabeling leaves make no scrapeable target
     */
    static Target of(ScrapeJob job, String address, Map<String, String> groupLabels) throws InvalidTargetException {
        ScrapeConfig config = job.config();
        SortedMap<String, String> labels = new TreeMap<>(groupLabels);
        labels.put(Labels.ADDRESS, address);
        labels.putIfAbsent(Labels.JOB, config.jobName());
        labels.putIfAbsent(Labels.SCRAPE_INTERVAL, PromDuration.of(job.interval()).toString());
        labels.putIfAbsent(Labels.SCRAPE_TIMEOUT, PromDuration.of(job.timeout()).toString());
        labels.putIfAbsent(Labels.METRICS_PATH, config.metricsPath());
        labels.putIfAbsent(Labels.SCHEME, config.scheme());
        config.params().forEach((name, values) -> {
            if (!values.isEmpty()) {
                labels.putIfAbsent(Labels.PARAM_PREFIX + name, values.get(0));
            }
        });
        labels.values().removeIf(String::isEmpty);
        SortedMap<String, String> discovered = new TreeMap<>(labels);
        if (!job.targetRelabeling().apply(labels)) {
            return null;
        }
        String finalAddress = labels.getOrDefault(Labels.ADDRESS, "");
        if (finalAddress.isEmpty()) {
            throw new InvalidTargetException("no address");
        }
        if (finalAddress.contains("/")) {
            throw new InvalidTargetException("\"" + finalAddress + "\" is not a valid hostname");
        }
        Duration interval = duration(labels, Labels.SCRAPE_INTERVAL, "scrape interval");
        Duration timeout = duration(labels, Labels.SCRAPE_TIMEOUT, "scrape timeout");
        if (timeout.compareTo(interval) > 0) {
            throw new InvalidTargetException("scrape timeout cannot be greater than scrape interval (\"" + labels.get(Labels.SCRAPE_TIMEOUT)
                    + "\" > \"" + labels.get(Labels.SCRAPE_INTERVAL) + "\")");
        }
        labels.keySet().removeIf(name -> name.startsWith(Labels.META_PREFIX));
        labels.putIfAbsent(Labels.INSTANCE, finalAddress);
        return new Target(labels, discovered, url(config, labels), interval, timeout);
    }

    private static Duration duration(SortedMap<String, String> labels, String label, String what) throws InvalidTargetException {
        Duration value;
        try {
            value = PromDuration.parse(labels.getOrDefault(label, "")).value();
        } catch (IllegalArgumentException e) {
            throw new InvalidTargetException("error parsing " + what + ": " + e.getMessage());
        }
        if (value.isZero()) {
            throw new InvalidTargetException(what + " cannot be 0");
        }
        return value;
    }

    /** The URL from the target's labels, with the config's parameters overridden by {@code __param_*} labels, as Prometheus builds it. */
    private static URI url(ScrapeConfig config, SortedMap<String, String> labels) throws InvalidTargetException {
        SortedMap<String, List<String>> params = new TreeMap<>();
        config.params().forEach((name, values) -> params.put(name, new ArrayList<>(values)));
        labels.forEach((label, value) -> {
            if (label.startsWith(Labels.PARAM_PREFIX)) {
                List<String> values = params.computeIfAbsent(label.substring(Labels.PARAM_PREFIX.length()), n -> new ArrayList<>());
                if (values.isEmpty()) {
                    values.add(value);
                } else {
                    values.set(0, value);
                }
            }
        });
        StringBuilder query = new StringBuilder();
        params.forEach((name, values) -> values.forEach(value -> {
            query.append(query.length() == 0 ? "" : "&").append(queryEscape(name)).append('=').append(queryEscape(value));
        }));
        String url = labels.getOrDefault(Labels.SCHEME, "") + "://" + labels.get(Labels.ADDRESS) + labels.getOrDefault(Labels.METRICS_PATH, "")
                + (query.length() == 0 ? "" : "?" + query);
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidTargetException("invalid URL " + url + ": " + e.getMessage());
        }
    }

    private static String queryEscape(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }

    String job() {
        return labels.getOrDefault(Labels.JOB, "");
    }

    String instance() {
        return labels.getOrDefault(Labels.INSTANCE, "");
    }

    /** The scheme the target was discovered with: the resource's {@code url.scheme}. */
    String scheme() {
        return discovered.getOrDefault(Labels.SCHEME, "");
    }

    /** The labels a sample gets from its target: all but the reserved {@code __*} ones. */
    SortedMap<String, String> sampleLabels() {
        SortedMap<String, String> visible = new TreeMap<>(labels);
        visible.keySet().removeIf(name -> name.startsWith(Labels.RESERVED_PREFIX));
        return visible;
    }

    /**
     * How long after now the first scrape waits, as Prometheus spreads targets over the interval:
     * a fixed phase per target (from its labels, URL and {@code seed}) on the grid of intervals.
     */
    Duration offset(long nowNanos, long seed) {
        long interval = this.interval.toNanos();
        long base = interval - Math.floorMod(nowNanos, interval);
        long phase = Long.remainderUnsigned(fnv64a(labels.toString() + url) ^ seed, interval);
        long next = base + phase;
        return Duration.ofNanos(next > interval ? next - interval : next);
    }

    static long fnv64a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
