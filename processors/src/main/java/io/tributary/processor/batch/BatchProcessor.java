package io.tributary.processor.batch;

import io.tributary.core.client.ClientInfo;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Processor;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.BatchMetrics;
import io.tributary.core.telemetry.ProcessorMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * otelcol's batch processor. Incoming batches are buffered as they are (encoded batches are
 * concatenated, never decoded) and sent on when they add up to {@code send_batch_size} spans, on
 * the caller's thread, or when the oldest has waited {@code timeout}, from a timer. Batches above
 * {@code send_batch_max_size} are split. Sends are serialized, as in otelcol's single sending
 * goroutine; a send the next consumer refuses is logged and its spans counted as dropped.
 *
 * <p>With {@code metadata_keys}, each distinct combination of those keys' values in the
 * requests' client metadata is batched apart (a shard), and what a shard sends carries those
 * keys' metadata only; without them, a batch carries no client at all, as in otelcol.
 */
final class BatchProcessor implements Processor {
    private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

    private enum Trigger { SIZE, TIMEOUT }

    private final ComponentId id;
    private final TracesConsumer next;
    private final int sendBatchSize;
    private final int sendBatchMaxSize;
    private final long timeoutNanos;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final ProcessorMetrics metrics;
    private final BatchMetrics batchMetrics;

    private final Object lock = new Object();
    /** Held while handing batches to {@code next}, so shutdown returns only after every send it raced with. */
    private final Object sendLock = new Object();
    /** Lower-cased and sorted, as otelcol keys its shards. */
    private final List<String> metadataKeys;
    private final int cardinalityLimit;
    /**
     * Guarded by lock: a batch being gathered per distinct combination of the metadata_keys'
     * values (absent and empty are distinct); without metadata_keys, one, under the empty list.
     */
    private final Map<List<List<String>>, Shard> shards = new HashMap<>();
    private boolean stopped;

    BatchProcessor(ComponentContext context, BatchConfig config, TracesConsumer next, LongSupplier nanoTime) {
        this.id = context.id();
        this.next = next;
        this.sendBatchSize = config.sendBatchSize();
        this.sendBatchMaxSize = config.sendBatchMaxSize();
        this.timeoutNanos = config.timeout().toNanos();
        this.nanoTime = nanoTime;
        this.scheduler = context.scheduler();
        this.workers = context.workers();
        this.metrics = context.telemetry().processor(id);
        this.batchMetrics = context.telemetry().batch(id);
        this.metadataKeys = config.metadataKeys().stream().map(k -> k.toLowerCase(Locale.ROOT)).sorted().toList();
        this.cardinalityLimit = config.metadataCardinalityLimit();
    }

    /** @throws PermanentException when the batch would need a shard beyond {@code metadata_cardinality_limit} */
    @Override
    public void consume(Traces traces) {
        metrics.incoming(traces.spanCount());
        if (traces.isEmpty()) {
            return;
        }
        List<Traces> ready;
        synchronized (lock) {
            Shard shard = shardOf(traces.client());
            ready = stopped || timeoutNanos == 0 ? capped(traces.withClient(shard.client)) : shard.add(traces);
        }
        send(ready, Trigger.SIZE);
    }

    /** Sends what each shard buffered if its timeout has passed at {@code now}; the others wait on. Called by the timers. */
    void flushIfDue(long now) {
        List<Traces> ready = new ArrayList<>();
        synchronized (lock) {
            for (Shard shard : shards.values()) {
                ready.addAll(shard.takeIfDue(now));
            }
        }
        send(ready, Trigger.TIMEOUT);
    }

    /** Sends what is buffered, then passes later batches straight on. Idempotent. */
    @Override
    public void shutdown() {
        List<Traces> ready = new ArrayList<>();
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            for (Shard shard : shards.values()) {
                ready.addAll(shard.takeRest());
            }
        }
        send(ready, Trigger.TIMEOUT);
    }

    /** Guarded by lock: the shard of the client's metadata_keys values, made on first use within the limit. */
    private Shard shardOf(ClientInfo client) {
        List<List<String>> values = metadataKeys.isEmpty() ? List.of() : new ArrayList<>(metadataKeys.size());
        for (String key : metadataKeys) {
            values.add(client.metadata(key));
        }
        Shard shard = shards.get(values);
        if (shard == null) {
            if (cardinalityLimit != 0 && shards.size() >= cardinalityLimit) {
                throw new PermanentException("too many batcher metadata-value combinations");
            }
            // As otelcol's shards: what goes out carries those keys' metadata and nothing else of the client.
            Map<String, List<String>> metadata = new HashMap<>();
            for (int i = 0; i < metadataKeys.size(); i++) {
                metadata.put(metadataKeys.get(i), values.get(i));
            }
            shard = new Shard(metadata.isEmpty() ? ClientInfo.NONE : ClientInfo.NONE.withMetadata(metadata));
            shards.put(values, shard);
        }
        return shard;
    }

    /** One batch being gathered, with its own timeout; every field is guarded by lock. */
    private final class Shard {
        final ClientInfo client;
        final List<Traces> pending = new ArrayList<>();
        int pendingSpans;
        long dueNanos;
        ScheduledFuture<?> timer;

        Shard(ClientInfo client) {
            this.client = client;
        }

        /** @return the batches to send now: none until {@code send_batch_size} spans are buffered */
        List<Traces> add(Traces traces) {
            if (pending.isEmpty()) {
                startWaiting();
            }
            pending.add(traces);
            pendingSpans += traces.spanCount();
            return pendingSpans < sendBatchSize ? List.of() : takeFullBatches();
        }

        List<Traces> takeIfDue(long now) {
            if (pending.isEmpty()) {
                return List.of();
            }
            if (now - dueNanos < 0) {
                armTimer(dueNanos - now);
                return List.of();
            }
            return takeAll();
        }

        List<Traces> takeRest() {
            if (timer != null) {
                timer.cancel(false);
            }
            return pending.isEmpty() ? List.of() : takeAll();
        }

        /** The first batch in an empty buffer starts the wait. */
        private void startWaiting() {
            dueNanos = nanoTime.getAsLong() + timeoutNanos;
            armTimer(timeoutNanos);
        }

        /** At most one timer is pending; a timer that fires early re-arms itself. */
        private void armTimer(long delayNanos) {
            if (timer == null) {
                timer = scheduler.schedule(this::onTimer, delayNanos, TimeUnit.NANOSECONDS);
            }
        }

        /** Sending may block on the next consumer, so it runs on a worker rather than the shared scheduler thread. */
        private void onTimer() {
            synchronized (lock) {
                timer = null;
            }
            try {
                workers.execute(() -> flushIfDue(nanoTime.getAsLong()));
            } catch (RejectedExecutionException e) {
                flushIfDue(nanoTime.getAsLong());
            }
        }

        /**
         * The buffer as batches of at most {@code send_batch_max_size}; a last part smaller than
         * {@code send_batch_size} stays buffered and waits a full timeout again.
         */
        private List<Traces> takeFullBatches() {
            List<Traces> ready = takeAll();
            Traces last = ready.get(ready.size() - 1);
            if (ready.size() > 1 && last.spanCount() < sendBatchSize) {
                pending.add(last);
                pendingSpans = last.spanCount();
                startWaiting();
                return ready.subList(0, ready.size() - 1);
            }
            return ready;
        }

        private List<Traces> takeAll() {
            Traces merged = pending.size() == 1 ? pending.get(0) : Traces.concat(List.copyOf(pending));
            pending.clear();
            pendingSpans = 0;
            return capped(merged.withClient(client));
        }
    }

    private List<Traces> capped(Traces traces) {
        return sendBatchMaxSize > 0 && traces.spanCount() > sendBatchMaxSize
                ? traces.split(sendBatchMaxSize)
                : List.of(traces);
    }

    private void send(List<Traces> batches, Trigger trigger) {
        if (batches.isEmpty()) {
            return; // without waiting for a send in progress
        }
        synchronized (sendLock) {
            for (Traces batch : batches) {
                int spans = batch.spanCount();
                if (trigger == Trigger.SIZE) {
                    batchMetrics.sentOnSize(spans);
                } else {
                    batchMetrics.sentOnTimeout(spans);
                }
                try {
                    next.consume(batch);
                    metrics.outgoing(spans);
                } catch (RuntimeException e) {
                    metrics.dropped(spans);
                    log.warn("{}: the next consumer refused a batch of {} spans; they are dropped: {}",
                            id, spans, e.toString());
                }
            }
        }
    }
}
