package io.tributary.processor.probabilisticsampler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.processor.probabilisticsampler.SpanSampler.Policy;

/**
 * otelcol v0.148's sampling counter {@code otelcol_processor_probabilistic_sampler_count_traces_sampled}
 * (it counts spans despite its name), labelled only {@code policy} and {@code sampled}: like
 * otelcol, no {@code processor} label, so several samplers add up in one series. A series
 * appears on its first count, as in otelcol. Counts are summed per request by the caller, so the
 * hot path touches no meter per span.
 */
final class SamplerMetrics {
    private static final String SAMPLED = "otelcol_processor_probabilistic_sampler_count_traces_sampled";

    /** How many (policy, sampled) pairs there are: the length of a counts array. */
    static final int SIZE = Policy.values().length * 2;

    private final Telemetry telemetry;
    /** Indexed by {@link #index}; filled lazily, registration being idempotent if two threads race. */
    private final Counter[] sampled = new Counter[SIZE];

    SamplerMetrics(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    static int index(Policy policy, boolean wasSampled) {
        return policy.ordinal() * 2 + (wasSampled ? 1 : 0);
    }

    /** {@code counts} is indexed by {@link #index}; zero entries are skipped. */
    void add(int[] counts) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                counter(i).increment(counts[i]);
            }
        }
    }

    private Counter counter(int index) {
        Counter counter = sampled[index];
        if (counter == null) {
            Policy policy = Policy.values()[index / 2];
            counter = telemetry.counter(SAMPLED, "Count of traces that were sampled or not", "1",
                    Tags.of("policy", policy.label, "sampled", Boolean.toString(index % 2 == 1)));
            sampled[index] = counter;
        }
        return counter;
    }
}
