package io.tributary.exporter.debug;

import io.tributary.core.component.Exporter;
import io.tributary.core.component.Host;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.ExporterMetrics;
import java.util.concurrent.Callable;

/**
 * Writes what arrives, synchronously, and never fails. Only {@code normal} and {@code detailed}
 * decode the batch; {@code basic} needs the counts the batch already knows.
 */
final class DebugExporter implements Exporter {
    static final String LOGGER = "io.tributary.exporter.debug";

    private final Verbosity verbosity;
    private final LogSampler sampler;
    private final ExporterMetrics metrics;
    private final Callable<DebugOutput> opener;
    private volatile DebugOutput output;

    /** @param opener opens the output at start (output files are created then, not when a config is validated) */
    DebugExporter(Verbosity verbosity, LogSampler sampler, ExporterMetrics metrics, Callable<DebugOutput> opener) {
        this.verbosity = verbosity;
        this.sampler = sampler;
        this.metrics = metrics;
        this.opener = opener;
    }

    @Override
    public void start(Host host) throws Exception {
        output = opener.call();
    }

    @Override
    public void consume(Traces traces) {
        DebugOutput out = output;
        if (out != null && out.enabled() && sampler.sample()) {
            out.counts(traces.resourceSpansCount(), traces.spanCount());
            switch (verbosity) {
                case NORMAL -> out.text(TracesText.normal(traces.resourceSpans()));
                case DETAILED -> out.text(TracesText.detailed(traces.resourceSpans()));
                case BASIC -> {
                }
            }
        }
        metrics.sent(traces.spanCount());
    }

    @Override
    public void shutdown() {
        DebugOutput out = output;
        if (out != null) {
            out.close();
        }
    }
}
