package io.tributary.processor.probabilisticsampler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tributary.core.telemetry.ScopeMeter;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.processor.probabilisticsampler.ItemSampler.Policy;
import java.util.List;

/**
 * otelcol v0.148's sampling counters, labelled only {@code policy} and {@code sampled}: like
 * otelcol, no {@code processor} label, so several samplers add up in one series. For traces,
 * {@code otelcol_processor_probabilistic_sampler_count_traces_sampled} (it counts spans despite its
 * name) and the same count under the name later releases give it ({@code count_spans_processed},
 * from v0.161, where the old name is deprecated), so dashboards of either release find theirs; for
 * logs, {@code count_logs_sampled}, whose {@code policy} is the {@code from_attribute} name for
 * records hashed on it. A series appears on its first count, as in otelcol. Counts are summed per
 * request by the caller, so the hot path touches no meter per item.
 */
final class SamplerMetrics {
    /** otelcol's meter name for the sampler's own metrics: its Go package. */
    static final String SCOPE = "github.com/open-telemetry/opentelemetry-collector-contrib/processor/probabilisticsamplerprocessor";

    /** How many (policy, sampled) pairs there are: the length of a counts array. */
    static final int SIZE = Policy.values().length * 2;

    /** One counter family: its name and description. */
    private record Family(String name, String description) {
    }

    private final ScopeMeter meter;
    private final List<Family> families;
    /** The label of {@link Policy#ATTRIBUTE_HASH}. */
    private final String attributeLabel;
    /** Per family, indexed by {@link #index}; filled lazily, registration being idempotent if two threads race. */
    private final Counter[][] counters;

    private SamplerMetrics(Telemetry telemetry, List<Family> families, String attributeLabel) {
        this.meter = telemetry.meter(SCOPE);
        this.families = families;
        this.attributeLabel = attributeLabel;
        this.counters = new Counter[families.size()][SIZE];
    }

    static SamplerMetrics forTraces(Telemetry telemetry) {
        return new SamplerMetrics(telemetry, List.of(
                new Family("otelcol_processor_probabilistic_sampler_count_traces_sampled", "Count of traces that were sampled or not"),
                new Family("otelcol_processor_probabilistic_sampler_count_spans_processed", "Count of spans that were sampled or not")),
                "");
    }

    static SamplerMetrics forLogs(Telemetry telemetry, String fromAttribute) {
        return new SamplerMetrics(telemetry, List.of(
                new Family("otelcol_processor_probabilistic_sampler_count_logs_sampled", "Count of logs that were sampled or not")),
                fromAttribute);
    }

    static int index(Policy policy, boolean wasSampled) {
        return policy.ordinal() * 2 + (wasSampled ? 1 : 0);
    }

    /** {@code counts} is indexed by {@link #index}; zero entries are skipped. */
    void add(int[] counts) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                for (int family = 0; family < families.size(); family++) {
                    counter(family, i).increment(counts[i]);
                }
            }
        }
    }

    private Counter counter(int family, int index) {
        Counter counter = counters[family][index];
        if (counter == null) {
            Policy policy = Policy.values()[index / 2];
            counter = meter.counter(families.get(family).name(), families.get(family).description(), "1",
                    Tags.of("policy", policy == Policy.ATTRIBUTE_HASH ? attributeLabel : policy.label,
                            "sampled", Boolean.toString(index % 2 == 1)));
            counters[family][index] = counter;
        }
        return counter;
    }
}
