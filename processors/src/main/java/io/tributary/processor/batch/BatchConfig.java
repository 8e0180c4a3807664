package io.tributary.processor.batch;

import io.tributary.config.Problems;
import java.time.Duration;
import java.util.List;

/**
 * The {@code batch} processor's settings, as otelcol's batchprocessor: a batch goes out when it
 * holds {@code send_batch_size} spans or has waited {@code timeout} ({@code 0}: no waiting, only
 * splitting); {@code send_batch_max_size} (0: no cap) splits larger batches.
 */
public record BatchConfig(
        int sendBatchSize,
        Duration timeout,
        int sendBatchMaxSize,
        List<String> metadataKeys,
        int metadataCardinalityLimit) {
    public static final BatchConfig DEFAULT = new BatchConfig(8192, Duration.ofMillis(200), 0, List.of(), 1000);

    public BatchConfig {
        Problems problems = new Problems();
        problems.when(sendBatchSize < 0, "send_batch_size", "must not be negative");
        problems.when(timeout == null || timeout.isNegative(), "timeout", "must not be negative");
        problems.when(sendBatchMaxSize < 0, "send_batch_max_size", "must not be negative");
        problems.when(sendBatchMaxSize > 0 && sendBatchMaxSize < sendBatchSize, "send_batch_max_size",
                "send_batch_max_size must be greater or equal to send_batch_size");
        metadataKeys = metadataKeys == null ? List.of() : List.copyOf(metadataKeys);
        problems.when(!metadataKeys.isEmpty(), "metadata_keys", "batching per client metadata is not supported yet");
        problems.when(metadataCardinalityLimit < 0, "metadata_cardinality_limit", "must not be negative");
        problems.throwIfAny();
    }
}
