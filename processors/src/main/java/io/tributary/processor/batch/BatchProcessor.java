package io.tributary.processor.batch;

import io.tributary.core.batch.BatchBuffer;
import io.tributary.core.batch.TimedBatcher;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.telemetry.BatchMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * otelcol's batch processor, of any signal. Incoming batches are buffered as they are (encoded
 * batches are concatenated, never decoded) and sent on when they add up to {@code send_batch_size}
 * items (spans, metric data points or log records, as otelcol counts them), on the caller's
 * thread, or when the oldest has waited {@code timeout}, from a timer. Batches above
 * {@code send_batch_max_size} are split (a metric between its data points). Sends are
 * serialized, as in otelcol's single sending goroutine; a send the next consumer refuses is
 * logged and its items counted as dropped.
 *
 * <p>With {@code metadata_keys}, each distinct combination of those keys' values in the
 * requests' client metadata is batched apart (a shard), and what a shard sends carries those
 * keys' metadata only; without them, a batch carries no client at all, as in otelcol.
 */
final class BatchProcessor<D extends SignalData<D, ?>> implements SignalProcessor<D> {
    private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

    private final ComponentId id;
    private final Signal<D> signal;
    private final SignalConsumer<D> next;
    private final BatchConfig config;
    private final ComponentContext context;
    private final LongSupplier nanoTime;
    private final BatchMetrics metrics;
    /** Lower-cased and sorted, as otelcol keys its shards. */
    private final List<String> metadataKeys;
    /** Held while handing batches to {@code next}, so shutdown returns only after every send it raced with. */
    private final Object sendLock = new Object();
    /**
     * Guarded by itself: a batcher per distinct combination of the metadata_keys' values (absent
     * and empty are distinct); without metadata_keys, one, under the empty list. Sources are not
     * tracked: a batch handed on is the next consumer's.
     */
    private final Map<List<List<String>>, TimedBatcher<D, Void>> shards = new HashMap<>();
    private boolean stopped;

    BatchProcessor(ComponentContext context, BatchConfig config, Signal<D> signal, SignalConsumer<D> next, LongSupplier nanoTime) {
        this.id = context.id();
        this.signal = signal;
        this.next = next;
        this.config = config;
        this.context = context;
        this.nanoTime = nanoTime;
        this.metrics = context.telemetry().batch(id, signal, this::combinations);
        this.metadataKeys = config.metadataKeys().stream().map(k -> k.toLowerCase(Locale.ROOT)).sorted().toList();
    }

    /** @throws PermanentException when the batch would need a shard beyond {@code metadata_cardinality_limit} */
    @Override
    public void consume(D data) {
        if (!data.isEmpty()) {
            shardOf(data.client()).add(data, null);
        }
    }

    /** Sends what each shard buffered if its timeout has passed at {@code now}; the others wait on. Called by the timer. */
    void flushIfDue(long now) {
        for (TimedBatcher<D, Void> shard : shards()) {
            shard.flushIfDue(now);
        }
    }

    /** Sends what is buffered, then passes later batches straight on. Idempotent. */
    @Override
    public void shutdown() {
        synchronized (shards) {
            stopped = true;
        }
        for (TimedBatcher<D, Void> shard : shards()) {
            shard.shutdown();
        }
    }

    /** otelcol counts one combination before the first batch, as without metadata_keys. */
    private int combinations() {
        synchronized (shards) {
            return Math.max(1, shards.size());
        }
    }

    private List<TimedBatcher<D, Void>> shards() {
        synchronized (shards) {
            return new ArrayList<>(shards.values());
        }
    }

    /** The shard of the client's metadata_keys values, made on first use within the limit. */
    private TimedBatcher<D, Void> shardOf(ClientInfo client) {
        List<List<String>> values = metadataKeys.isEmpty() ? List.of() : new ArrayList<>(metadataKeys.size());
        for (String key : metadataKeys) {
            values.add(client.metadata(key));
        }
        synchronized (shards) {
            TimedBatcher<D, Void> shard = shards.get(values);
            if (shard == null) {
                int limit = config.metadataCardinalityLimit();
                if (limit != 0 && shards.size() >= limit) {
                    throw new PermanentException("too many batcher metadata-value combinations");
                }
                shard = newShard(values);
                if (stopped) {
                    shard.shutdown(); // passes inputs straight on, as the other shards now do
                }
                shards.put(values, shard);
            }
            return shard;
        }
    }

    private TimedBatcher<D, Void> newShard(List<List<String>> values) {
        // As otelcol's shards: what goes out carries those keys' metadata and nothing else of the client.
        Map<String, List<String>> metadata = new HashMap<>();
        for (int i = 0; i < metadataKeys.size(); i++) {
            metadata.put(metadataKeys.get(i), values.get(i));
        }
        ClientInfo client = metadata.isEmpty() ? ClientInfo.NONE : ClientInfo.NONE.withMetadata(metadata);
        BatchBuffer<D, Void> buffer = new BatchBuffer<>(signal, SignalData::itemCount, config.sendBatchSize(), config.sendBatchMaxSize());
        return new TimedBatcher<>(buffer, config.timeout(), nanoTime, context.scheduler(), context.workers(),
                (batches, trigger) -> send(batches, trigger, client));
    }

    private void send(List<BatchBuffer.Batch<D, Void>> batches, TimedBatcher.Trigger trigger, ClientInfo client) {
        synchronized (sendLock) {
            for (BatchBuffer.Batch<D, Void> batch : batches) {
                int items = batch.data().itemCount();
                if (trigger == TimedBatcher.Trigger.SIZE) {
                    metrics.sentOnSize(items);
                } else {
                    metrics.sentOnTimeout(items);
                }
                try {
                    next.consume(batch.data().withClient(client));
                } catch (RuntimeException e) {
                    metrics.dropped(items);
                    log.warn("{}: the next consumer refused a batch of {} {}s; they are dropped: {}",
                            id, items, signal.itemName(), e.toString());
                }
            }
        }
    }
}
