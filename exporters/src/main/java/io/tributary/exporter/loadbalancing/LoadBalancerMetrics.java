package io.tributary.exporter.loadbalancing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import io.tributary.core.telemetry.ScopeMeter;
import io.tributary.core.telemetry.Telemetry;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * contrib's loadbalancingexporter metrics, with its names and labels: {@code otelcol_loadbalancer_num_backends},
 * {@code _num_resolutions}, {@code _num_backend_updates} (by {@code resolver}), {@code _backend_outcome}
 * (by {@code endpoint} and {@code success}) and {@code _backend_latency} (milliseconds, by {@code endpoint}).
 */
final class LoadBalancerMetrics {
    /** The OpenTelemetry SDK's default explicit bucket bounds, which otelcol's histogram uses, less 0 (Micrometer takes only positive bounds). */
    private static final double[] LATENCY_BUCKETS = {5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000};
    /** otelcol's meter name for the exporter's own metrics: its Go package. */
    static final String SCOPE = "github.com/open-telemetry/opentelemetry-collector-contrib/exporter/loadbalancingexporter";

    private final ScopeMeter meter;
    private final String resolver;
    private final AtomicInteger backends = new AtomicInteger();
    private final Counter resolved;
    private final Counter resolutionFailed;
    private final Counter updates;

    LoadBalancerMetrics(Telemetry telemetry, String resolver) {
        this.meter = telemetry.meter(SCOPE);
        this.resolver = resolver;
        meter.gauge("otelcol_loadbalancer_num_backends", "Current number of backends in use.", "{backends}",
                Tags.of("resolver", resolver), backends, AtomicInteger::get);
        resolved = resolutions(true);
        resolutionFailed = resolutions(false);
        updates = meter.counter("otelcol_loadbalancer_num_backend_updates",
                "Number of times the list of backends was updated.", "{updates}", Tags.of("resolver", resolver));
    }

    void resolution(boolean success) {
        (success ? resolved : resolutionFailed).increment();
    }

    void backendsChanged(int count) {
        backends.set(count);
        updates.increment();
    }

    /**
     * Counts the export attempts to the backend at {@code endpoint} (retries included), registered
     * in {@code backendMeters} (the backend's own group) so that it goes away with the backend:
     * otelcol keeps such series for good, which under a churning resolver grows without bound.
     */
    static Counter outcome(Telemetry backendMeters, String endpoint, boolean success) {
        return outcome(backendMeters.meter(SCOPE), endpoint, success);
    }

    /** What the removed backend at {@code endpoint} handed back and no backend could take. */
    void lostOnRemoval(String endpoint) {
        outcome(meter, endpoint, false).increment();
    }

    private static Counter outcome(ScopeMeter meter, String endpoint, boolean success) {
        return meter.counter("otelcol_loadbalancer_backend_outcome", "Number of successes and failures for each endpoint.",
                "{decisions}", Tags.of("endpoint", endpoint, "success", Boolean.toString(success)));
    }

    /**
     * A backend's latency histogram, registered in {@code backendMeters} (the backend's own
     * group) so that it goes away with the backend.
     */
    static DistributionSummary latency(Telemetry backendMeters, String endpoint) {
        return backendMeters.meter(SCOPE).histogram("otelcol_loadbalancer_backend_latency",
                "Response latency in ms for the backends.", "ms", LATENCY_BUCKETS, Tags.of("endpoint", endpoint));
    }

    private Counter resolutions(boolean success) {
        return meter.counter("otelcol_loadbalancer_num_resolutions",
                "Number of times the resolver has triggered new resolutions.", "{resolutions}",
                Tags.of("resolver", resolver, "success", Boolean.toString(success)));
    }
}
