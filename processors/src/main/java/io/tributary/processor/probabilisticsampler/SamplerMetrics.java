package io.tributary.processor.probabilisticsampler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tributary.core.telemetry.ScopeMeter;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.processor.probabilisticsampler.SpanSampler.Policy;

/**
 * otelcol v0.148's sampling counter {@code otelcol_processor_probabilistic_sampler_count_traces_sampled}
 * (it counts spans despite its name) and the same count under the name later releases give it
 * ({@code count_spans_processed}, from v0.161, where the old name is deprecated), so dashboards of
 * either release find theirs. Labelled only {@code policy} and {@code sampled}: like otelcol, no
 * {@code processor} label, so several samplers add up in one series. A series appears on its
 * first count, as in otelcol. Counts are summed per request by the caller, so the hot path
 * touches no meter per span.
 */
final class SamplerMetrics {
    private static final String SAMPLED = "otelcol_processor_probabilistic_sampler_count_traces_sampled";
    private static final String PROCESSED = "otelcol_processor_probabilistic_sampler_count_spans_processed";
    /** otelcol's meter name for the sampler's own metrics: its Go package. */
    static final String SCOPE = "github.com/open-telemetry/opentelemetry-collector-contrib/processor/probabilisticsamplerprocessor";

    /** How many (policy, sampled) pairs there are: the length of a counts array. */
    static final int SIZE = Policy.values().length * 2;

    private final ScopeMeter meter;
    /** Indexed by {@link #index}; filled lazily, registration being idempotent if two threads race. */
    private final Counter[] sampled = new Counter[SIZE];
    private final Counter[] processed = new Counter[SIZE];

    SamplerMetrics(Telemetry telemetry) {
        this.meter = telemetry.meter(SCOPE);
    }

    static int index(Policy policy, boolean wasSampled) {
        return policy.ordinal() * 2 + (wasSampled ? 1 : 0);
    }

    /** {@code counts} is indexed by {@link #index}; zero entries are skipped. */
    void add(int[] counts) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                counter(sampled, SAMPLED, "Count of traces that were sampled or not", i).increment(counts[i]);
                counter(processed, PROCESSED, "Count of spans that were sampled or not", i).increment(counts[i]);
            }
        }
    }

    private Counter counter(Counter[] cache, String name, String description, int index) {
        Counter counter = cache[index];
        if (counter == null) {
            Policy policy = Policy.values()[index / 2];
            counter = meter.counter(name, description, "1",
                    Tags.of("policy", policy.label, "sampled", Boolean.toString(index % 2 == 1)));
            cache[index] = counter;
        }
        return counter;
    }
}
