package io.tributary.exporter.debug;

import io.tributary.core.component.Host;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.Sender;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Writes what arrives and never fails; the exporter helper around it counts it as sent, and
 * queues it first when {@code sending_queue} is set. Only {@code normal} and {@code detailed}
 * decode the batch; {@code basic} needs the counts the batch already knows.
 */
final class DebugSender implements Sender {
    static final String LOGGER = "io.tributary.exporter.debug";

    private final Verbosity verbosity;
    private final LogSampler sampler;
    private final Callable<DebugOutput> opener;
    private volatile DebugOutput output;

    /** @param opener opens the output at start (output files are created then, not when a config is validated) */
    DebugSender(Verbosity verbosity, LogSampler sampler, Callable<DebugOutput> opener) {
        this.verbosity = verbosity;
        this.sampler = sampler;
        this.opener = opener;
    }

    @Override
    public void start(Host host) throws Exception {
        output = opener.call();
    }

    @Override
    public void send(Traces traces, Duration timeout) {
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
    }

    @Override
    public void shutdown() {
        DebugOutput out = output;
        if (out != null) {
            out.close();
        }
    }
}
