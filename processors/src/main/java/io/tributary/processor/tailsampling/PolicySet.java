package io.tributary.processor.tailsampling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured policies and otelcol's rule for combining their votes: drop policies run first
 * and a "dropped" vote is final; then an inverted "not sampled" beats "sampled", "sampled" beats
 * an inverted "sampled", which counts only when no policy voted "not sampled"; anything else is
 * not sampled. A policy that throws is counted as an evaluation error and skipped. Evaluations are
 * serialized here, since rate limits keep state.
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
        boolean invertNotSampled = false;
        boolean sampled = false;
        boolean invertSampled = false;
        boolean notSampled = false;
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
            switch (decision) {
                case DROPPED -> dropped = true;
                case INVERT_NOT_SAMPLED -> invertNotSampled = true;
                case SAMPLED -> sampled = true;
                case INVERT_SAMPLED -> invertSampled = true;
                case NOT_SAMPLED -> notSampled = true;
            }
            if (dropped || (sampleOnFirstMatch && sampled)) {
                break;
            }
        }
        Decision result;
        if (dropped) {
            result = Decision.DROPPED;
        } else if (invertNotSampled) {
            result = Decision.NOT_SAMPLED;
        } else if (sampled || (invertSampled && !notSampled)) {
            result = Decision.SAMPLED;
        } else {
            result = Decision.NOT_SAMPLED;
        }
        metrics.globalDecision(result);
        return result;
    }
}
