package io.tributary.processor.tailsampling;

import io.tributary.config.ByteSize;
import io.tributary.config.Problems;
import io.tributary.config.Validated;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code tail_sampling} processor's settings: otelcol's keys and defaults, plus Tributary's
 * {@code max_buffered_bytes}, a budget for buffered spans (0: a quarter of the JVM's maximum
 * heap). When {@code num_traces} or the budget is reached, the oldest traces are decided early
 * with every policy rather than dropped undecided.
 */
public record TailSamplingConfig(
        Duration decisionWait,
        long numTraces,
        long expectedNewTracesPerSec,
        DecisionCache decisionCache,
        boolean sampleOnFirstMatch,
        Duration decisionWaitAfterRootReceived,
        long maximumTraceSizeBytes,
        boolean dropPendingTracesOnShutdown,
        boolean blockOnOverflow,
        ByteSize maxBufferedBytes,
        List<PolicyConfig> policies) implements Validated {

    public static final TailSamplingConfig DEFAULT = new TailSamplingConfig(Duration.ofSeconds(30), 50_000, 0,
            DecisionCache.DEFAULT, false, Duration.ZERO, 0, false, false, ByteSize.ofBytes(0), List.of());

    /** LRU caches of decided trace IDs, so late spans follow a decision after the trace left the buffer (0: off). */
    public record DecisionCache(long sampledCacheSize, long nonSampledCacheSize) {
        public static final DecisionCache DEFAULT = new DecisionCache(0, 0);

        public DecisionCache {
            if (sampledCacheSize < 0 || nonSampledCacheSize < 0) {
                throw new IllegalArgumentException("decision cache sizes must not be negative");
            }
        }
    }

    public TailSamplingConfig {
        Problems problems = new Problems();
        problems.when(decisionWait == null || decisionWait.isNegative(), "decision_wait", "must not be negative");
        problems.when(numTraces <= 0, "num_traces", "num_traces must be greater than zero");
        problems.when(expectedNewTracesPerSec < 0, "expected_new_traces_per_sec", "must not be negative");
        decisionCache = Objects.requireNonNullElse(decisionCache, DecisionCache.DEFAULT);
        problems.when(decisionWaitAfterRootReceived == null || decisionWaitAfterRootReceived.isNegative(),
                "decision_wait_after_root_received", "must not be negative");
        problems.when(maximumTraceSizeBytes < 0, "maximum_trace_size_bytes", "must not be negative");
        problems.when(blockOnOverflow, "block_on_overflow", "block_on_overflow is not supported: ingest never waits; when "
                + "num_traces or max_buffered_bytes is reached the oldest traces are decided early instead of dropped");
        maxBufferedBytes = Objects.requireNonNullElse(maxBufferedBytes, ByteSize.ofBytes(0));
        policies = List.copyOf(Objects.requireNonNullElse(policies, List.of()));
        Set<String> names = new HashSet<>();
        for (PolicyConfig policy : policies) {
            problems.when(!names.add(policy.name()), "policies", "duplicate policy name \"" + policy.name() + "\"");
        }
        problems.throwIfAny();
    }

    @Override
    public void validate() {
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("policies: at least one sampling policy is required");
        }
    }

    /** The byte budget in effect: the configured one, or a quarter of the maximum heap. */
    long bufferBudget() {
        long configured = maxBufferedBytes.bytes();
        return configured > 0 ? configured : Runtime.getRuntime().maxMemory() / 4;
    }
}
