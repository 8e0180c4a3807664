package io.tributary.core.exporterhelper;

/** {@code sending_queue}: otelcol's defaults, capacity counted in requests (batches). */
public record QueueConfig(boolean enabled, int numConsumers, int queueSize, String storage) {
    public static final QueueConfig DEFAULT = new QueueConfig(true, 10, 1000, null);

    public QueueConfig {
        if (enabled && numConsumers < 1) {
            throw new IllegalArgumentException("num_consumers must be at least 1");
        }
        if (enabled && queueSize < 1) {
            throw new IllegalArgumentException("queue_size must be at least 1");
        }
    }
}
