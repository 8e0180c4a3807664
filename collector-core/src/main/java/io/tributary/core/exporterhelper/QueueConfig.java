package io.tributary.core.exporterhelper;

import io.tributary.config.Problems;
import io.tributary.core.component.ExtensionReferences;
import java.util.Map;

/**
 * {@code sending_queue} with otelcol's keys and defaults: {@code queue_size} counts what
 * {@code sizer} says (requests, i.e. batches, by default); {@code storage} names a storage
 * extension that makes the queue persistent; {@code wait_for_result} makes {@code consume} wait
 * until the batch was sent (or failed); {@code block_on_overflow} makes it wait for room instead
 * of refusing; {@code batch} (absent by default) merges and splits what the queue holds. {@code
 * durable_ack} is Tributary's own: with a persistent queue, {@code consume} returns (and the
 * receiver answers its client) only once the batch is on disk, so an acknowledged span survives
 * a crash or power loss.
 *
 * <p>{@code sizer} is null when not set, because otelcol lets a set queue sizer stand for an
 * unset {@code batch::sizer} (an unset one leaves it {@code items}); {@link #effectiveSizer()}
 * is what the queue counts.
 */
public record QueueConfig(
        boolean enabled,
        int numConsumers,
        long queueSize,
        Sizer sizer,
        String storage,
        boolean durableAck,
        boolean waitForResult,
        boolean blockOnOverflow,
        QueueBatchConfig batch)
        implements ExtensionReferences {
    public static final QueueConfig DEFAULT = new QueueConfig(true, 10, 1000, null, null, false, false, false, null);
    /** No queue: the send happens on the caller's thread (exporters that have no {@code sending_queue}, or have it off). */
    public static final QueueConfig DISABLED = new QueueConfig(false, 0, 0, null);

    public QueueConfig {
        if (batch != null && batch.sizer() == null) {
            batch = batch.withSizer(sizer != null ? sizer : Sizer.ITEMS);
        }
        Problems problems = new Problems();
        problems.when(enabled && numConsumers < 1, "num_consumers", "num_consumers must be at least 1");
        problems.when(enabled && queueSize < 1, "queue_size", "queue_size must be at least 1");
        problems.when(durableAck && storage == null, "durable_ack",
                "durable_ack needs a persistent queue: set 'storage' to a storage extension");
        problems.when(enabled && waitForResult && storage != null, "wait_for_result",
                "`wait_for_result` is not supported with a persistent queue configured with `storage`");
        // otelcol's check: a queue that cannot hold min_size would never let a batch fill up.
        problems.when(enabled && batch != null && batch.sizer() == effective(sizer) && batch.minSize() > queueSize, "batch",
                "`min_size` must be less than or equal to `queue_size`");
        problems.throwIfAny();
    }

    /** A queue counted in requests, with none of the optional behaviours; e.g. {@code new QueueConfig(false, 0, 0, null)} for none. */
    public QueueConfig(boolean enabled, int numConsumers, long queueSize, String storage) {
        this(enabled, numConsumers, queueSize, null, storage, false, false, false, null);
    }

    /** What {@code queue_size} counts. */
    public Sizer effectiveSizer() {
        return effective(sizer);
    }

    private static Sizer effective(Sizer sizer) {
        return sizer == null ? Sizer.REQUESTS : sizer;
    }

    @Override
    public Map<String, String> extensionReferences() {
        return enabled && storage != null ? Map.of("storage", storage) : Map.of();
    }
}
