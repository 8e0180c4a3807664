package io.tributary.core.exporterhelper;

import io.tributary.core.component.Component;
import io.tributary.core.data.Traces;
import java.time.Duration;

/**
 * The part of an exporter that talks to its backend: one attempt to send one batch. The
 * {@link ExporterHelper} around it supplies the queue, retries, timeout and metrics.
 */
public interface Sender extends Component {
    /**
     * Sends once, giving up after {@code timeout}.
     *
     * @throws SendException classified retryable (with the server's retry delay if it gave one) or permanent
     */
    void send(Traces traces, Duration timeout) throws SendException;
}
