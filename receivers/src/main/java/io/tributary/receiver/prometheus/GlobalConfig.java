package io.tributary.receiver.prometheus;

import io.tributary.config.Problems;
import io.tributary.config.Squash;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code config::global}: defaults for every scrape config and the labels added to every sample,
 * with Prometheus' defaults ({@code scrape_interval: 1m}, {@code scrape_timeout: 10s} or the
 * interval when shorter). Rule evaluation keys are accepted with no effect, as in otelcol.
 */
public record GlobalConfig(
        PromDuration scrapeInterval,
        PromDuration scrapeTimeout,
        List<String> scrapeProtocols,
        Map<String, String> externalLabels,
        Boolean extraScrapeMetrics,
        @Squash ScrapeLimits limits,
        @Squash UnsupportedScrapeKeys unsupported,
        Object evaluationInterval,
        Object ruleQueryOffset,
        Object queryLogFile) {
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public static final GlobalConfig DEFAULT = new GlobalConfig(null, null, null, Map.of(), null, ScrapeLimits.DEFAULT,
            UnsupportedScrapeKeys.DEFAULT, null, null, null);

    public GlobalConfig {
        if (scrapeInterval == null || scrapeInterval.isZero()) {
            scrapeInterval = PromDuration.of(DEFAULT_INTERVAL);
        }
        boolean timeoutTooLong = scrapeTimeout != null && scrapeTimeout.value().compareTo(scrapeInterval.value()) > 0;
        if (scrapeTimeout == null || scrapeTimeout.isZero() || timeoutTooLong) {
            scrapeTimeout = PromDuration.of(min(DEFAULT_TIMEOUT, scrapeInterval.value()));
        }
        externalLabels = externalLabels == null ? Map.of() : Map.copyOf(externalLabels);
        limits = limits == null ? ScrapeLimits.DEFAULT : limits;
        Problems problems = new Problems();
        problems.when(timeoutTooLong, "scrape_timeout", "global scrape timeout greater than scrape interval");
        if (scrapeProtocols != null) {
            String problem = ScrapeProtocol.check(scrapeProtocols);
            problems.when(problem != null, "scrape_protocols", problem + " for global config");
        }
        problems.when(externalLabels.containsKey(""), "external_labels", "\"\" is not a valid label name");
        problems.throwIfAny();
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
