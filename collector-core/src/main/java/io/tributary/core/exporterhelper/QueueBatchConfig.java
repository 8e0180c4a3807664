package io.tributary.core.exporterhelper;

import java.time.Duration;

/**
 * {@code sending_queue::batch}, as otelcol's exporterhelper: the queue's consumer merges what it
 * takes into batches of at least {@code min_size} (sent anyway after {@code flush_timeout}) and
 * splits them to at most {@code max_size} (0: no cap), both in {@code sizer} units. Absent, the
 * queue sends what it holds as it is; {@code batch:} with no value batches with these defaults.
 * A null {@code sizer} means unset: {@link QueueConfig} then resolves it.
 */
public record QueueBatchConfig(Duration flushTimeout, Sizer sizer, long minSize, long maxSize) {
    public static final QueueBatchConfig DEFAULT = new QueueBatchConfig(Duration.ofMillis(200), null, 8192, 0);

    public QueueBatchConfig {
        if (sizer == Sizer.REQUESTS) {
            throw new IllegalArgumentException("`batch` supports only `items` or `bytes` sizer, found \"requests\"");
        }
        if (flushTimeout == null || flushTimeout.isNegative() || flushTimeout.isZero()) {
            throw new IllegalArgumentException("`flush_timeout` must be positive, found " + flushTimeout);
        }
        if (minSize < 0) {
            throw new IllegalArgumentException("`min_size` must be non-negative, found " + minSize);
        }
        if (maxSize < 0) {
            throw new IllegalArgumentException("`max_size` must be non-negative, found " + maxSize);
        }
        if (maxSize > 0 && maxSize < minSize) {
            throw new IllegalArgumentException("`max_size` (" + maxSize + ") must be greater or equal to `min_size` (" + minSize + ")");
        }
        // Batches are cut between items (SignalData.split); a cap in bytes would need a byte-measuring cut.
        if (sizer == Sizer.BYTES && maxSize > 0) {
            throw new IllegalArgumentException("`max_size` with the `bytes` sizer is not supported; use the `items` sizer to cap batches");
        }
        if (maxSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("`max_size` must be at most " + Integer.MAX_VALUE);
        }
    }

    QueueBatchConfig withSizer(Sizer resolved) {
        return new QueueBatchConfig(flushTimeout, resolved, minSize, maxSize);
    }
}
