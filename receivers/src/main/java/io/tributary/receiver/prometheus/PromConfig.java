package io.tributary.receiver.prometheus;

import io.tributary.config.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code receivers::prometheus::config}: a Prometheus configuration file's content, of which the
 * receiver uses {@code global} and {@code scrape_configs}. As otelcol, it refuses what needs a
 * Prometheus server ({@code remote_write}, {@code remote_read}, {@code rule_files}, alerting) and
 * accepts the other top-level sections with no effect.
 */
public record PromConfig(
        GlobalConfig global,
        List<ScrapeConfig> scrapeConfigs,
        Object scrapeConfigFiles,
        Object ruleFiles,
        Object remoteWrite,
        Object remoteRead,
        Object alerting,
        Object storage,
        Object tracing,
        Object otlp,
        Object runtime) {
    public static final PromConfig DEFAULT = new PromConfig(GlobalConfig.DEFAULT, List.of(), null, null, null, null, null, null,
            null, null, null);

    public PromConfig {
        global = global == null ? GlobalConfig.DEFAULT : global;
        scrapeConfigs = scrapeConfigs == null ? List.of() : scrapeConfigs;
        Problems problems = new Problems();
        List<String> unsupported = new ArrayList<>();
        if (alerting instanceof Map<?, ?> sections) {
            if (nonEmpty(sections.get("alertmanagers"))) {
                unsupported.add("alert_config.alertmanagers");
            }
            if (nonEmpty(sections.get("alert_relabel_configs"))) {
                unsupported.add("alert_config.relabel_configs");
            }
        }
        if (nonEmpty(remoteRead)) {
            unsupported.add("remote_read");
        }
        if (nonEmpty(remoteWrite)) {
            unsupported.add("remote_write");
        }
        if (nonEmpty(ruleFiles)) {
            unsupported.add("rule_files");
        }
        problems.when(!unsupported.isEmpty(), unsupported.isEmpty() ? "" : firstKey(unsupported.get(0)),
                "unsupported features:\n\t" + String.join("\n\t", unsupported));
        Set<String> jobs = new HashSet<>();
        for (ScrapeConfig scrape : scrapeConfigs) {
            problems.when(!jobs.add(scrape.jobName()), "scrape_configs",
                    "found multiple scrape configs with job name \"" + scrape.jobName() + "\"");
            PromDuration interval = scrape.scrapeInterval() == null || scrape.scrapeInterval().isZero()
                    ? global.scrapeInterval() : scrape.scrapeInterval();
            problems.when(scrape.scrapeTimeout() != null && scrape.scrapeTimeout().value().compareTo(interval.value()) > 0,
                    "scrape_configs", "scrape timeout greater than scrape interval for scrape config with job name \"" + scrape.jobName() + "\"");
        }
        problems.throwIfAny();
    }

    private static String firstKey(String feature) {
        return feature.startsWith("alert_config") ? "alerting" : feature;
    }

    private static boolean nonEmpty(Object section) {
        if (section instanceof List<?> list) {
            return !list.isEmpty();
        }
        if (section instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        return section != null;
    }
}
