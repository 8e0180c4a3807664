package io.tributary.processor.tailsampling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * otelcol's {@code composite}: sub-policies in their listed order, each with a share of
 * {@code max_total_spans_per_second} counted per wall-clock second ({@code rate_allocation}
 * percent; a listed allocation of 0 percent gets an equal share, an unlisted sub-policy none).
 * The first sub-policy that samples decides: sampled if its share and the total still have room
 * for the trace's spans, otherwise not sampled. As in otelcol, {@code policy_order} is accepted
 * but the order of {@code composite_sub_policy} is what counts.
 */
final class CompositePolicy implements Policy {
    private final Policy[] policies;
    private final long[] allocated;
    private final long[] sampled;
    private final long maxTotal;
    private final LongSupplier millis;
    private long second = Long.MIN_VALUE;

    private CompositePolicy(Policy[] policies, long[] allocated, long maxTotal, LongSupplier millis) {
        this.policies = policies;
        this.allocated = allocated;
        this.sampled = new long[policies.length];
        this.maxTotal = maxTotal;
        this.millis = millis;
    }

    static CompositePolicy of(PolicyConfig.Composite config, LongSupplier millis) {
        List<PolicyConfig> subs = config.compositeSubPolicy();
        double maxTotal = config.maxTotalSpansPerSecond();
        Map<String, Double> shares = new HashMap<>();
        for (PolicyConfig.RateAllocation allocation : config.rateAllocation()) {
            shares.put(allocation.policy(), allocation.percent() > 0
                    ? allocation.percent() / 100.0 * maxTotal
                    : maxTotal / subs.size());
        }
        Policy[] policies = new Policy[subs.size()];
        long[] allocated = new long[subs.size()];
        for (int i = 0; i < policies.length; i++) {
            policies[i] = Policies.build(subs.get(i), millis);
            allocated[i] = (long) (double) shares.getOrDefault(subs.get(i).name(), 0.0);
        }
        return new CompositePolicy(policies, allocated, config.maxTotalSpansPerSecond(), millis);
    }

    @Override
    public Decision evaluate(TraceView trace) {
        long now = Math.floorDiv(millis.getAsLong(), 1000);
        if (now != second) {
            second = now;
            java.util.Arrays.fill(sampled, 0);
        }
        for (int i = 0; i < policies.length; i++) {
            Decision decision = policies[i].evaluate(trace);
            if (decision == Decision.SAMPLED) {
                long ifSampled = sampled[i] + trace.spanCount();
                if (ifSampled <= allocated[i] && ifSampled <= maxTotal) {
                    sampled[i] = ifSampled;
                    return Decision.SAMPLED;
                }
                return Decision.NOT_SAMPLED;
            }
        }
        return Decision.NOT_SAMPLED;
    }
}
