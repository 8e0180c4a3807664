package io.tributary.processor.probabilisticsampler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tributary.core.component.ComponentId;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.processor.probabilisticsampler.SpanSampler.Policy;

/**
 * otelcol's per-span sampling counters, labelled {@code policy} and {@code sampled}:
 * {@code otelcol_processor_probabilistic_sampler_count_spans_processed_total} and the same count
 * under its deprecated name {@code otelcol_processor_probabilistic_sampler_count_traces_sampled},
 * both emitted as otelcol (0.161+) does. A series appears on its first count, as in otelcol.
 * Counts are summed per request by the caller, so the hot path touches no meter per span.
 */
final class SamplerMetrics {
    private static final String PROCESSED = "otelcol_processor_probabilistic_sampler_count_spans_processed";
    private static final String SAMPLED = "otelcol_processor_probabilistic_sampler_count_traces_sampled";

    /** How many (policy, sampled) pairs there are: the length of a counts array. */
    static final int SIZE = Policy.values().length * 2;

    private final Telemetry telemetry;
    private final Tags tags;
    /** Indexed by {@link #index}; filled lazily, registration being idempotent if two threads race. */
    private final Counter[] processed = new Counter[SIZE];
    private final Counter[] sampled = new Counter[SIZE];

    SamplerMetrics(Telemetry telemetry, ComponentId id) {
        this.telemetry = telemetry;
        this.tags = Tags.of("processor", id.toString());
    }

    static int index(Policy policy, boolean wasSampled) {
        return policy.ordinal() * 2 + (wasSampled ? 1 : 0);
    }

    /** {@code counts} is indexed by {@link #index}; zero entries are skipped. */
    void add(int[] counts) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                counter(processed, PROCESSED, "Count of spans that were sampled or not", i).increment(counts[i]);
                counter(sampled, SAMPLED, "[DEPRECATED] Count of spans that were sampled or not", i).increment(counts[i]);
            }
        }
    }

    private Counter counter(Counter[] cache, String name, String description, int index) {
        Counter counter = cache[index];
        if (counter == null) {
            Policy policy = Policy.values()[index / 2];
            counter = telemetry.counter(name, description, "{span}",
                    tags.and("policy", policy.label, "sampled", Boolean.toString(index % 2 == 1)));
            cache[index] = counter;
        }
        return counter;
    }
}
