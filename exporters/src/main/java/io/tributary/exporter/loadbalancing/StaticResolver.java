package io.tributary.exporter.loadbalancing;

import java.util.List;
import java.util.function.Consumer;

/** {@code resolver.static}: the configured hostnames, sorted, reported once. */
final class StaticResolver implements Resolver {
    private final List<String> endpoints;
    private final LoadBalancerMetrics metrics;

    StaticResolver(List<String> hostnames, LoadBalancerMetrics metrics) {
        this.endpoints = hostnames.stream().sorted().toList();
        this.metrics = metrics;
    }

    @Override
    public void start(Consumer<List<String>> onChange) {
        metrics.resolution(true);
        onChange.accept(endpoints);
    }

    @Override
    public void shutdown() {
    }
}
