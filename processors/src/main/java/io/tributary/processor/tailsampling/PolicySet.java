package io.tributary.processor.tailsampling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured policies and otelcol's rule for combining their votes: drop policies run first
 * and a "dropped" vote is final; then any "sampled" vote samples. A policy that throws is counted
 * as an evaluation error and skipped. Evaluations are serialized here, since rate limits keep
 * state.
 */
final class PolicySet {
    private static final Logger log = LoggerFactory.getLogger(PolicySet.class);

    private final List<String> names = new ArrayList<>();
    private final List<Policy> policies = new ArrayList<>();
    private final boolean sampleOnFirstMatch;
    private final TailSamplingMetrics metrics;

    PolicySet(List<String> names, List<Policy> policies, boolean sampleOnFirstMatch, TailSamplingMetrics metrics) {
        this.names.addAll(names);
        this.policies.addAll(policies);
        this.sampleOnFirstMatch = sampleOnFirstMatch;
        this.metrics = metrics;
        metrics.policies(names);
    }

    static PolicySet of(TailSamplingConfig config, LongSupplier millis, TailSamplingMetrics metrics) {
        List<String> names = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        for (boolean drops : new boolean[] {true, false}) {
            for (PolicyConfig policy : config.policies()) {
                if (PolicyConfig.DROP.equals(policy.type()) == drops) {
                    names.add(policy.name());
                    policies.add(Policies.build(policy, millis));
                }
            }
        }
        return new PolicySet(names, policies, config.sampleOnFirstMatch(), metrics);
    }

    synchronized Decision evaluate(TraceView trace) {
        boolean dropped = false;
        boolean sampled = false;
        for (int i = 0; i < policies.size(); i++) {
            long started = System.nanoTime();
            Decision decision;
            try {
                decision = policies.get(i).evaluate(trace);
            } catch (RuntimeException e) {
                metrics.evaluationErrors.increment();
                log.debug("sampling policy {} failed: {}", names.get(i), e.toString());
                continue;
            } finally {
                metrics.decisionLatency(names.get(i)).record(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started));
            }
            metrics.policyDecision(names.get(i), decision);
            dropped |= decision == Decision.DROPPED;
            sampled |= decision == Decision.SAMPLED;
            if (dropped || (sampleOnFirstMatch && sampled)) {
                break;
            }
        }
        Decision result = dropped ? Decision.DROPPED : sampled ? Decision.SAMPLED : Decision.NOT_SAMPLED;
        metrics.globalDecision(result);
        return result;
    }
}
