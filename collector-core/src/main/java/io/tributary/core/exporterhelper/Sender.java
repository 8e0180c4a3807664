package io.tributary.core.exporterhelper;

import io.tributary.core.component.Component;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import java.time.Duration;

/**
 * The part of an exporter that talks to its backend: one attempt to send one batch. The
 * {@link ExporterHelper} around it supplies the queue, retries, timeout and metrics, one set per
 * signal; the sender is one per exporter, so the signals share what it holds (a connection).
 */
public interface Sender extends Component {
    /**
     * Sends traces once, giving up after {@code timeout}.
     *
     * @throws SendException classified retryable (with the server's retry delay if it gave one) or permanent
     */
    void send(Traces traces, Duration timeout) throws SendException;

    /**
     * Checks that this sender can send {@code signal} as configured; called when a pipeline of the
     * signal first asks the exporter for its consumer, so that a signal that cannot work fails the
     * build, as otelcol's factory fails to create that signal's exporter.
     *
     * @throws IllegalArgumentException saying why not
     */
    default void checkCanSend(Signal<?> signal) {
    }

    /**
     * Sends one batch of {@code signal} once, as {@link #send(Traces, Duration)}: what the
     * {@link ExporterHelper} calls. A sender of traces alone needs only the method above; a sender
     * of more signals overrides this one.
     */
    default <D extends SignalData<D, ?>> void send(Signal<D> signal, D data, Duration timeout) throws SendException {
        if (signal != Signal.TRACES) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " does not send " + signal);
        }
        send((Traces) data, timeout);
    }
}
