package io.tributary.processor.batch;

import io.tributary.config.Problems;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code batch} processor's settings, as otelcol's batchprocessor: a batch goes out when it
 * holds {@code send_batch_size} items (spans, metric data points, log records) or has waited
 * {@code timeout} ({@code 0}: no waiting, only splitting); {@code send_batch_max_size} (0: no
 * cap) splits larger batches.
 * {@code metadata_keys} batches each client metadata combination apart, at most
 * {@code metadata_cardinality_limit} of them (0: no limit).
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
        Set<String> distinct = new HashSet<>();
        for (String key : metadataKeys) {
            String lower = key.toLowerCase(Locale.ROOT);
            problems.when(!distinct.add(lower), "metadata_keys",
                    "duplicate entry in metadata_keys: \"" + lower + "\" (case-insensitive)");
        }
        problems.when(metadataCardinalityLimit < 0, "metadata_cardinality_limit", "must not be negative");
        problems.throwIfAny();
    }
}
