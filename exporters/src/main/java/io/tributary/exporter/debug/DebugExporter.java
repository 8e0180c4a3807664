package io.tributary.exporter.debug;

import io.tributary.core.component.Exporter;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.ExporterMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what arrives, synchronously, and never fails. Only {@code normal} and {@code detailed}
 * decode the batch; {@code basic} needs the counts the batch already knows.
 */
final class DebugExporter implements Exporter {
    static final String LOGGER = "io.tributary.exporter.debug";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final Verbosity verbosity;
    private final LogSampler sampler;
    private final ExporterMetrics metrics;

    DebugExporter(Verbosity verbosity, LogSampler sampler, ExporterMetrics metrics) {
        this.verbosity = verbosity;
        this.sampler = sampler;
        this.metrics = metrics;
    }

    @Override
    public void consume(Traces traces) {
        if (log.isInfoEnabled() && sampler.sample()) {
            log.info("Traces: {} resource spans, {} spans", traces.resourceSpansCount(), traces.spanCount());
            switch (verbosity) {
                case NORMAL -> log.info(TracesText.normal(traces.resourceSpans()));
                case DETAILED -> log.info(TracesText.detailed(traces.resourceSpans()));
                case BASIC -> {
                }
            }
        }
        metrics.sent(traces.spanCount());
    }

    @Override
    public void shutdown() {
    }
}
