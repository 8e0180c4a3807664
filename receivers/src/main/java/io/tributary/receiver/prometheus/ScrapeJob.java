package io.tributary.receiver.prometheus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A scrape config with {@code global}'s values filled in where it sets none, as Prometheus
 * resolves it, and its relabeling rules compiled.
 *
 * @param protocols     what the {@code Accept} header asks for, in order (never the protobuf format, which is not read)
 * @param fallback      how a response without a usable {@code Content-Type} is read
 * @param extraMetrics  whether {@code scrape_timeout_seconds}, {@code scrape_sample_limit} and {@code scrape_body_size_bytes} are reported
 */
record ScrapeJob(
        ScrapeConfig config,
        Duration interval,
        Duration timeout,
        List<ScrapeProtocol> protocols,
        ScrapeProtocol fallback,
        ScrapeLimits limits,
        boolean extraMetrics,
        Map<String, String> externalLabels,
        Relabeling targetRelabeling,
        Relabeling metricRelabeling) {

    static ScrapeJob of(ScrapeConfig config, GlobalConfig global) {
        Duration interval = config.scrapeInterval() == null || config.scrapeInterval().isZero()
                ? global.scrapeInterval().value() : config.scrapeInterval().value();
        Duration timeout = config.scrapeTimeout() == null || config.scrapeTimeout().isZero()
                ? GlobalConfig.min(global.scrapeTimeout().value(), interval) : config.scrapeTimeout().value();
        List<String> protocolNames = config.scrapeProtocols() != null ? config.scrapeProtocols() : global.scrapeProtocols();
        List<ScrapeProtocol> protocols = protocolNames == null ? ScrapeProtocol.DEFAULTS
                : protocolNames.stream().map(ScrapeProtocol::named).filter(p -> p != ScrapeProtocol.PROMETHEUS_PROTO).toList();
        String fallbackName = config.fallbackScrapeProtocol();
        ScrapeProtocol fallback = fallbackName == null || fallbackName.isEmpty() ? ScrapeProtocol.DEFAULT_FALLBACK : ScrapeProtocol.named(fallbackName);
        Boolean extra = config.extraScrapeMetrics() != null ? config.extraScrapeMetrics() : global.extraScrapeMetrics();
        return new ScrapeJob(config, interval, timeout, protocols, fallback, config.limits().orElse(global.limits()),
                Boolean.TRUE.equals(extra), global.externalLabels(), Relabeling.of(config.relabelConfigs()),
                Relabeling.of(config.metricRelabelConfigs()));
    }

    String name() {
        return config.jobName();
    }

    /** Whether the config asked for the protobuf format, which this receiver leaves out of its {@code Accept} header. */
    static boolean asksForProtobuf(ScrapeConfig config, GlobalConfig global) {
        List<String> names = config.scrapeProtocols() != null ? config.scrapeProtocols() : global.scrapeProtocols();
        return names != null && names.contains(ScrapeProtocol.PROMETHEUS_PROTO.configName);
    }
}
