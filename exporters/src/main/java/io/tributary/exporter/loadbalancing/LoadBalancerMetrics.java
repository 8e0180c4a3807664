package io.tributary.exporter.loadbalancing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * contrib's loadbalancingexporter metrics, with its names and labels: {@code otelcol_loadbalancer_num_backends},
 * {@code _num_resolutions}, {@code _num_backend_updates} (by {@code resolver}), {@code _backend_outcome}
 * (by {@code success}) and {@code _backend_latency} (milliseconds, by {@code endpoint}).
 */
final class LoadBalancerMetrics {
    /** The OpenTelemetry SDK's default explicit bucket bounds, which otelcol's histogram uses, less 0 (Micrometer takes only positive bounds). */
    private static final double[] LATENCY_BUCKETS = {5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000};

    private final MeterRegistry registry;
    private final String resolver;
    private final AtomicInteger backends = new AtomicInteger();
    private final Counter resolved;
    private final Counter resolutionFailed;
    private final Counter updates;
    private final Counter succeeded;
    private final Counter failed;

    LoadBalancerMetrics(MeterRegistry registry, String resolver) {
        this.registry = registry;
        this.resolver = resolver;
        Gauge.builder("otelcol.loadbalancer.num.backends", backends, AtomicInteger::get)
                .description("Current number of backends in use.").tag("resolver", resolver)
                .strongReference(true).register(registry);
        resolved = resolutions(true);
        resolutionFailed = resolutions(false);
        updates = Counter.builder("otelcol.loadbalancer.num.backend.updates")
                .description("Number of times the list of backends was updated.").tag("resolver", resolver).register(registry);
        succeeded = outcomeCounter(true);
        failed = outcomeCounter(false);
    }

    void resolution(boolean success) {
        (success ? resolved : resolutionFailed).increment();
    }

    void backendsChanged(int count) {
        backends.set(count);
        updates.increment();
    }

    /** One export attempt to a backend (retries included), or data that could not be handed to any. */
    void outcome(boolean success) {
        (success ? succeeded : failed).increment();
    }

    /**
     * A backend's latency histogram, registered in {@code backendMeters} (the backend's own
     * group) so that it goes away with the backend.
     */
    static DistributionSummary latency(MeterRegistry backendMeters, String endpoint) {
        return DistributionSummary.builder("otelcol.loadbalancer.backend.latency")
                .description("Response latency in ms for the backends.")
                .serviceLevelObjectives(LATENCY_BUCKETS).tag("endpoint", endpoint)
                .register(backendMeters);
    }

    private Counter resolutions(boolean success) {
        return Counter.builder("otelcol.loadbalancer.num.resolutions")
                .description("Number of times the resolver has triggered new resolutions.")
                .tags("resolver", resolver, "success", Boolean.toString(success)).register(registry);
    }

    private Counter outcomeCounter(boolean success) {
        return Counter.builder("otelcol.loadbalancer.backend.outcome")
                .description("Number of successes and failures for each endpoint.")
                .tag("success", Boolean.toString(success)).register(registry);
    }
}
