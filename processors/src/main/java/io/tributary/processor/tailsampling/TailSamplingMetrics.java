package io.tributary.processor.tailsampling;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import io.tributary.core.component.ComponentId;
import io.tributary.core.telemetry.ScopeMeter;
import io.tributary.core.telemetry.SelfMetric;
import io.tributary.core.telemetry.Telemetry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The tail sampler's own instruments, with otelcol's names and labels
 * ({@code otelcol_processor_tail_sampling_*}; the {@code policy} label is the policy name, prefixed
 * with the processor's name when it has one, as otelcol does), plus Tributary's buffered bytes and
 * early decisions, which otelcol has no equivalent for.
 */
final class TailSamplingMetrics {
    private static final String PREFIX = "otelcol_processor_tail_sampling_";
    /** otelcol's meter name for the tail sampler's own metrics: its Go package. */
    static final String SCOPE = "github.com/open-telemetry/opentelemetry-collector-contrib/processor/tailsamplingprocessor";
    /** otelcol's bucket bounds for its decision latency histograms. */
    private static final double[] LATENCY_BUCKETS = {
        1, 2, 5, 10, 25, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1000, 2000, 3000, 4000, 5000, 10000, 20000, 30000,
        50000};
    /** The OpenTelemetry SDK's default histogram bounds, which otelcol's late span age uses (less 0, which Micrometer refuses). */
    private static final double[] DEFAULT_BUCKETS = {5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000};

    private final ScopeMeter meter;
    /** Tributary's own metrics are not the Go package's: they have the scope of the core's own. */
    private final ScopeMeter tributaryMeter;
    private final Tags processor;
    private final String policyPrefix;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, DistributionSummary> policyLatency = new ConcurrentHashMap<>();
    final DistributionSummary timerLatency;
    final DistributionSummary lateSpanAge;
    final Counter droppedTooEarly;
    final Counter evaluationErrors;
    final Counter newTraceIds;
    final Counter tooLarge;

    TailSamplingMetrics(Telemetry telemetry, ComponentId id, LongSupplier tracesOnMemory, LongSupplier bufferedBytes) {
        this.meter = telemetry.meter(SCOPE);
        this.tributaryMeter = telemetry.meter(SelfMetric.Scope.TRIBUTARY.scopeName());
        this.processor = Tags.of("processor", id.toString());
        this.policyPrefix = id.name() == null || id.name().isEmpty() ? "" : id.name() + ".";
        timerLatency = histogram("sampling_decision_timer_latency",
                "Latency (in milliseconds) of each run of the sampling decision timer", LATENCY_BUCKETS, processor);
        lateSpanAge = histogram("sampling_late_span_age",
                "Time (in seconds) from the sampling decision was taken and the arrival of a late span", DEFAULT_BUCKETS, processor);
        droppedTooEarly = counter("sampling_trace_dropped_too_early",
                "Count of traces that needed to be dropped before the configured wait time", processor);
        evaluationErrors = counter("sampling_policy_evaluation_error", "Count of sampling policy evaluation errors", processor);
        newTraceIds = counter("new_trace_id_received", "Counts the arrival of new traces", processor);
        tooLarge = counter("traces_dropped_too_large",
                "Count of traces that were not sampled because they exceeded maximum_trace_size_bytes", processor);
        meter.gauge(PREFIX + "sampling_traces_on_memory", "Tracks the number of traces current on memory", "{traces}",
                processor, tracesOnMemory, LongSupplier::getAsLong);
        tributaryMeter.gauge("tributary_processor_tail_sampling_buffered_bytes",
                "Bytes of buffered spans charged against max_buffered_bytes", "{byte}", processor, bufferedBytes,
                LongSupplier::getAsLong);
        // Registered up front so the series exist (at zero) before the first early decision.
        earlyDecisions("num_traces", 0);
        earlyDecisions("max_buffered_bytes", 0);
    }

    /** Names the policies once, so the per-policy series appear before the first decision. */
    void policies(List<String> names) {
        for (String name : names) {
            decisionLatency(name);
        }
    }

    void policyDecision(String policy, Decision decision) {
        String label = policyPrefix + policy;
        counters.computeIfAbsent("policy|" + label + "|" + decision.decisionLabel, k -> counter("count_traces_sampled",
                "Count of traces that were sampled or not per sampling policy",
                processor.and("policy", label, "sampled", decision.sampledLabel, "decision", decision.decisionLabel)))
                .increment();
    }

    void globalDecision(Decision decision) {
        counters.computeIfAbsent("global|" + decision.decisionLabel, k -> counter("global_count_traces_sampled",
                "Global count of traces that were sampled or not by at least one policy",
                processor.and("sampled", decision.sampledLabel, "decision", decision.decisionLabel)))
                .increment();
    }

    DistributionSummary decisionLatency(String policy) {
        String label = policyPrefix + policy;
        return policyLatency.computeIfAbsent(label, k -> histogram("sampling_decision_latency",
                "Latency (in microseconds) of a given sampling policy", LATENCY_BUCKETS, processor.and("policy", label)));
    }

    void cacheRelease(boolean sampled, int spans) {
        String value = String.valueOf(sampled);
        counters.computeIfAbsent("cache|" + value, k -> counter("early_releases_from_cache_decision",
                "Number of spans that were able to be immediately released due to a decision cache hit.",
                processor.and("sampled", value))).increment(spans);
    }

    /** Traces decided before their wait because {@code num_traces} or {@code max_buffered_bytes} was reached. */
    void earlyDecisions(String reason, int traces) {
        counters.computeIfAbsent("early|" + reason, k -> tributaryMeter.counter("tributary_processor_tail_sampling_early_decisions",
                "Traces decided before decision_wait because a memory bound was reached", "{trace}",
                processor.and("reason", reason))).increment(traces);
    }

    private Counter counter(String name, String description, Tags tags) {
        return meter.counter(PREFIX + name, description, "1", tags);
    }

    /** Without a unit: otelcol's ({@code ms}, {@code µs}, {@code s}) would add a Prometheus unit suffix the series have never had. */
    private DistributionSummary histogram(String name, String description, double[] buckets, Tags tags) {
        return meter.histogram(PREFIX + name, description, "", buckets, tags);
    }
}
