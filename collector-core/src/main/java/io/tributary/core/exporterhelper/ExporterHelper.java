package io.tributary.core.exporterhelper;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.Extension;
import io.tributary.core.component.Host;
import io.tributary.core.component.StorageExtension;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Gives every exporter otelcol's exporterhelper behaviour: a bounded sending queue with
 * {@code num_consumers} threads, in memory or persistent in a storage extension (or a synchronous
 * send when disabled), optionally blocking when full, waiting for the result, or batching what it
 * holds ({@link QueueBatcher}), retry with exponential backoff honouring the server's delay, a per-attempt
 * timeout, and the standard {@code otelcol_exporter_*} metrics. Shutdown stops intake and drains
 * the queue within a bounded wait ({@link #DRAIN_TIMEOUT}); what is left is counted as failed from
 * an in-memory queue and stays on disk in a persistent one. {@link #shutdown(Consumer)} stops
 * without draining and hands what is not sent to its caller instead (a load-balancing backend
 * that leaves the ring gives its batches back to the router).
 *
 * <p>As in otelcol, where an exporter of several signals is one exporterhelper per signal, each
 * signal has all of that apart ({@link SignalExporter}: its own queue, persistent queue
 * directory, consumers, retries and metrics), made when a pipeline of the signal first asks for
 * its consumer ({@link #consumer}); the signals share the one {@link Sender} (its connection),
 * which starts before them and stops after them.
 */
public final class ExporterHelper implements Exporter {
    /**
     * How long {@link #shutdown()} lets the queue consumers keep sending (retries included) before
     * it abandons the batches still queued or waiting for a retry. Public so the deployment
     * tests can hold Kubernetes' grace periods to it.
     */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    /** Waits between retries; injected so tests control time. */
    interface Sleeper {
        /**
         * Waits for {@code duration}, or less once {@code cancelled} is released.
         *
         * @return true when cut short by {@code cancelled}
         */
        boolean sleep(Duration duration, CountDownLatch cancelled) throws InterruptedException;
    }

    /** The real wait: interruptible, and over as soon as shutdown abandons pending sends. */
    static final Sleeper UNTIL_CANCELLED = (duration, cancelled) -> cancelled.await(duration.toNanos(), TimeUnit.NANOSECONDS);

    /** What every signal's {@link SignalExporter} of one exporter is configured with. */
    record Settings(Duration timeout, QueueConfig queue, RetryConfig retry, Clock clock, Sleeper sleeper, LongSupplier nanoTime,
            Duration drainTimeout, long segmentBytes) {
    }

    private final ComponentContext context;
    private final Set<Signal<?>> signals;
    private final Settings settings;
    private final Sender sender;
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** Each signal's, in the order they were made; guarded by {@code this} for writes. */
    private final Map<Signal<?>, SignalExporter<?>> bySignal = new ConcurrentHashMap<>();
    private final List<SignalExporter<?>> exporters = new ArrayList<>();
    /** Set by {@link #start}: signals asked for afterwards start at once, with this host. */
    private boolean started;
    private Host host;

    /** An exporter of traces alone, with the one queue it has from the start. */
    public ExporterHelper(ComponentContext context, Duration timeout, QueueConfig queue, RetryConfig retry, Sender sender) {
        this(context, Set.of(Signal.TRACES), timeout, queue, retry, sender);
    }

    /** An exporter of {@code signals}, which {@code sender} sends, each with its own queue made on demand. */
    public ExporterHelper(ComponentContext context, Set<Signal<?>> signals, Duration timeout, QueueConfig queue, RetryConfig retry,
            Sender sender) {
        this(context, signals, new Settings(timeout, queue, retry, context.clock(), UNTIL_CANCELLED, System::nanoTime, DRAIN_TIMEOUT,
                QueueLog.SEGMENT_BYTES), sender);
    }

    /** For tests: traces alone, with time, waits and segment size of their choosing. */
    ExporterHelper(ComponentContext context, Duration timeout, QueueConfig queueConfig, RetryConfig retry, Sender sender, Clock clock,
            Sleeper sleeper, LongSupplier nanoTime, Duration drainTimeout, long segmentBytes) {
        this(context, Set.of(Signal.TRACES), new Settings(timeout, queueConfig, retry, clock, sleeper, nanoTime, drainTimeout, segmentBytes),
                sender);
    }

    ExporterHelper(ComponentContext context, Set<Signal<?>> signals, Settings settings, Sender sender) {
        this.context = context;
        this.signals = Set.copyOf(signals);
        this.settings = settings;
        this.sender = sender;
        if (this.signals.equals(Set.of(Signal.TRACES))) {
            exporter(Signal.TRACES); // its queue gauges and, when persistent, its recovered batches from the start, as ever
        }
    }

    @Override
    public synchronized void start(Host host) throws Exception {
        sender.start(host);
        this.host = host;
        this.started = true;
        for (SignalExporter<?> exporter : exporters) {
            exporter.start(storage(host));
        }
    }

    /** The consumer of {@code signal}'s data: that signal's own queue and retries, made on first use. */
    @Override
    public <D extends SignalData<D, ?>> SignalConsumer<D> consumer(Signal<D> signal) {
        return exporter(signal);
    }

    @Override
    public void consume(Traces traces) {
        exporter(Signal.TRACES).consume(traces);
    }

    @SuppressWarnings("unchecked")
    private <D extends SignalData<D, ?>> SignalExporter<D> exporter(Signal<D> signal) {
        SignalExporter<D> exporter = (SignalExporter<D>) bySignal.get(signal);
        return exporter != null ? exporter : create(signal);
    }

    @SuppressWarnings("unchecked")
    private synchronized <D extends SignalData<D, ?>> SignalExporter<D> create(Signal<D> signal) {
        SignalExporter<D> exporter = (SignalExporter<D>) bySignal.get(signal);
        if (exporter != null) {
            return exporter;
        }
        if (!signals.contains(signal)) {
            throw new UnsupportedOperationException("exporter " + context.id() + " does not export " + signal);
        }
        sender.checkCanSend(signal);
        exporter = new SignalExporter<>(context, signal, settings, sender);
        if (started) {
            try {
                exporter.start(storage(host));
            } catch (IOException e) {
                throw new UncheckedIOException("exporter " + context.id() + " cannot open its " + signal + " queue", e);
            }
        }
        if (stopping.get()) {
            exporter.close();
        }
        exporters.add(exporter);
        bySignal.put(signal, exporter);
        return exporter;
    }

    /** The traces sending-queue batcher, for tests that drive its flush_timeout; null without {@code batch}. */
    QueueBatcher<Traces> batcher() {
        return exporter(Signal.TRACES).batcher();
    }

    /** The storage extension {@code sending_queue::storage} names, or null for an in-memory queue. */
    private StorageExtension storage(Host host) {
        QueueConfig queueConfig = settings.queue();
        if (!queueConfig.enabled() || queueConfig.storage() == null) {
            return null;
        }
        ComponentId storageId = ComponentId.parse(queueConfig.storage());
        Extension extension = host.extension(storageId).orElseThrow(() -> new IllegalStateException(
                "sending_queue::storage: extension '" + storageId + "' is not running (define it under extensions and list it in service::extensions)"));
        if (!(extension instanceof StorageExtension storageExtension)) {
            throw new IllegalStateException("sending_queue::storage: extension '" + storageId + "' is not a storage extension");
        }
        return storageExtension;
    }

    private synchronized List<SignalExporter<?>> exporters() {
        return List.copyOf(exporters);
    }

    @Override
    public void shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        List<SignalExporter<?>> all = exporters();
        all.forEach(SignalExporter::close);
        long drainDeadline = System.nanoTime() + settings.drainTimeout().toNanos();
        all.forEach(exporter -> exporter.awaitDrained(drainDeadline));
        all.forEach(SignalExporter::abandon);
        all.forEach(SignalExporter::release);
        sender.shutdown();
    }

    /**
     * Stops without draining: every traces batch still queued (removed from a persistent queue's
     * disk), and every one whose send is cut short or fails from now on, goes to {@code handBack}
     * instead, which becomes responsible for it; none is counted as sent or failed here, and a
     * {@code wait_for_result} caller is told it was taken. Returns once the consumers stopped
     * (each within the send timeout) and the queue is handed back. For an exporter of traces
     * alone (a load-balancing backend).
     */
    public void shutdown(Consumer<Traces> handBack) {
        SignalExporter<Traces> traces = exporter(Signal.TRACES);
        traces.handBackTo(handBack);
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        traces.close();
        traces.abandon();
        sender.shutdown(); // sends in flight fail at once and are handed back
        traces.releaseTo(handBack);
    }

    /** Where the sender listens: an exporter that serves its data (the prometheus exporter's scrape endpoint). */
    @Override
    public Map<String, InetSocketAddress> addresses() {
        return sender.addresses();
    }

    @Override
    public String toString() {
        return "ExporterHelper{" + context.id() + "}";
    }
}
