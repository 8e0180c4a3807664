package io.tributary.core.exporterhelper;

import io.tributary.config.Problems;
import io.tributary.core.component.ExtensionReferences;
import java.util.Map;

/**
 * {@code sending_queue} with otelcol's keys and defaults: {@code queue_size} counts what
 * {@code sizer} says (requests, i.e. batches, by default); {@code storage} names a storage
 * extension that makes the queue persistent. {@code durable_ack} is Tributary's own: with a
 * persistent queue, {@code consume} returns (and the receiver answers its client) only once the
 * batch is on disk, so an acknowledged span survives a crash or power loss.
 */
public record QueueConfig(
        boolean enabled, int numConsumers, long queueSize, Sizer sizer, String storage, boolean durableAck)
        implements ExtensionReferences {
    public static final QueueConfig DEFAULT = new QueueConfig(true, 10, 1000, Sizer.REQUESTS, null, false);

    public QueueConfig {
        sizer = sizer == null ? Sizer.REQUESTS : sizer;
        Problems problems = new Problems();
        problems.when(enabled && numConsumers < 1, "num_consumers", "num_consumers must be at least 1");
        problems.when(enabled && queueSize < 1, "queue_size", "queue_size must be at least 1");
        problems.when(durableAck && storage == null, "durable_ack",
                "durable_ack needs a persistent queue: set 'storage' to a storage extension");
        problems.throwIfAny();
    }

    /** A queue counted in requests, without {@code durable_ack}; e.g. {@code new QueueConfig(false, 0, 0, null)} for none. */
    public QueueConfig(boolean enabled, int numConsumers, long queueSize, String storage) {
        this(enabled, numConsumers, queueSize, Sizer.REQUESTS, storage, false);
    }

    @Override
    public Map<String, String> extensionReferences() {
        return enabled && storage != null ? Map.of("storage", storage) : Map.of();
    }
}
