package io.tributary.core.exporterhelper;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.Host;
import io.tributary.core.data.Traces;
import java.time.Duration;

/**
 * Gives every exporter otelcol's exporterhelper behaviour: a bounded sending queue with
 * {@code num_consumers} threads (or a synchronous send when disabled), retry with exponential
 * backoff honouring the server's delay, a per-attempt timeout, and the standard
 * {@code otelcol_exporter_*} metrics. Shutdown stops intake, drains the queue within a bounded
 * wait, and counts what is left as failed.
 */
public final class ExporterHelper implements Exporter {
    public ExporterHelper(ComponentContext context, Duration timeout, QueueConfig queue, RetryConfig retry, Sender sender) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public void start(Host host) throws Exception {
    }

    @Override
    public void consume(Traces traces) {
    }

    @Override
    public void shutdown() {
    }
}
