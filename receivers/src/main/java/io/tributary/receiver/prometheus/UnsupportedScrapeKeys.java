package io.tributary.receiver.prometheus;

/**
 * Keys of {@code global} and of a scrape config that Prometheus accepts and Tributary does not act
 * on: accepted, with no effect, and named in a warning at start. Native histograms need the
 * protobuf format, which Tributary does not read.
 */
public record UnsupportedScrapeKeys(
        Object targetLimit,
        Object keepDroppedTargets,
        Object scrapeFailureLogFile,
        Object scrapeNativeHistograms,
        Object alwaysScrapeClassicHistograms,
        Object convertClassicHistogramsToNhcb,
        Object metricNameValidationScheme,
        Object metricNameEscapingScheme) {
    public static final UnsupportedScrapeKeys DEFAULT = new UnsupportedScrapeKeys(null, null, null, null, null, null, null, null);
}
