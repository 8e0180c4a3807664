package io.tributary.receiver.prometheus;

import io.tributary.config.Problems;
import io.tributary.config.Squash;
import java.util.List;
import java.util.Map;

/**
 * One of {@code scrape_configs}: a job, its targets and how they are scraped, with Prometheus'
 * keys and defaults. Unset interval, timeout, protocols and limits take {@code global}'s (see
 * {@link ScrapeJob}).
 */
public record ScrapeConfig(
        String jobName,
        boolean honorLabels,
        Boolean honorTimestamps,
        boolean trackTimestampsStaleness,
        Map<String, List<String>> params,
        PromDuration scrapeInterval,
        PromDuration scrapeTimeout,
        List<String> scrapeProtocols,
        String fallbackScrapeProtocol,
        String metricsPath,
        String scheme,
        Boolean enableCompression,
        Boolean extraScrapeMetrics,
        @Squash ScrapeLimits limits,
        List<StaticConfig> staticConfigs,
        List<RelabelConfig> relabelConfigs,
        List<RelabelConfig> metricRelabelConfigs,
        @Squash HttpClientSettings http,
        @Squash ServiceDiscovery discovery,
        @Squash UnsupportedScrapeKeys unsupported,
        Object nativeHistogramBucketLimit,
        Object nativeHistogramMinBucketFactor) {
    public ScrapeConfig {
        // Unwritten keys take Prometheus' defaults.
        jobName = jobName == null ? "" : jobName;
        honorTimestamps = honorTimestamps == null || honorTimestamps;
        enableCompression = enableCompression == null || enableCompression;
        metricsPath = metricsPath == null ? "/metrics" : metricsPath;
        scheme = scheme == null ? "http" : scheme;
        params = params == null ? Map.of() : params;
        staticConfigs = staticConfigs == null ? List.of() : staticConfigs;
        relabelConfigs = relabelConfigs == null ? List.of() : relabelConfigs;
        metricRelabelConfigs = metricRelabelConfigs == null ? List.of() : metricRelabelConfigs;
        limits = limits == null ? ScrapeLimits.DEFAULT : limits;
        http = http == null ? HttpClientSettings.DEFAULT : http;
        Problems problems = new Problems();
        problems.when(jobName.isEmpty(), "job_name", "job_name is empty");
        // Unwritten, the list is empty (the binder's zero value): then global's apply.
        scrapeProtocols = scrapeProtocols == null || scrapeProtocols.isEmpty() ? null : scrapeProtocols;
        if (scrapeProtocols != null) {
            String problem = ScrapeProtocol.check(scrapeProtocols);
            problems.when(problem != null, "scrape_protocols", problem + " for scrape config with job name \"" + jobName + "\"");
        }
        if (fallbackScrapeProtocol != null && !fallbackScrapeProtocol.isEmpty()) {
            String problem = ScrapeProtocol.checkOne(fallbackScrapeProtocol);
            problems.when(problem != null, "fallback_scrape_protocol",
                    "invalid fallback_scrape_protocol for scrape config with job name \"" + jobName + "\": " + problem);
        }
        // Prometheus checks the addresses only when no relabeling could rewrite them.
        if (relabelConfigs.isEmpty()) {
            staticConfigs.stream().flatMap(group -> group.targets().stream()).filter(target -> target.contains("/")).findFirst()
                    .ifPresent(target -> problems.add("static_configs", "\"" + target + "\" is not a valid hostname"));
        }
        problems.throwIfAny();
    }
}
