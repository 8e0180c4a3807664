package io.tributary.distribution;

import io.tributary.config.Binder;
import io.tributary.config.ConfigError;
import io.tributary.config.ConfigLoader;
import io.tributary.config.ConfigNode;
import io.tributary.core.net.HostPort;
import io.tributary.core.service.PipelineConfig;
import io.tributary.core.service.Service;
import io.tributary.core.service.ServiceConfig;
import io.tributary.extension.healthcheck.HealthCheckConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A collector config as a deployment file ships it, loaded as the daemon loads it in the
 * environment it runs in ({@code env}), with the facts the deployment tests compare against
 * manifests and compose: where it listens, its health check, and the settings of the components
 * that decide memory and shutdown timing (bound to the components' own config records, so their
 * defaults count).
 */
record CollectorConfig(String name, ConfigNode root, Map<String, String> env) {

    static CollectorConfig load(List<Path> files, Map<String, String> env) {
        return new CollectorConfig(files.toString(),
                ConfigLoader.load(files.stream().map(Path::toString).toList(), List.of(), env::get), env);
    }

    static CollectorConfig parse(String yaml, String name, Map<String, String> env) {
        return new CollectorConfig(name, ConfigLoader.parse(yaml, name, env::get), env);
    }

    /** {@code tributary validate} where the process environment is {@code env}. */
    List<ConfigError> validate() {
        return Service.validate(root, DaemonHarness.components(env));
    }

    /**
     * Ports reachable from outside the container: every {@code endpoint} a receiver or extension
     * binds to a non-loopback address, and the metrics address. A protocol left at its default
     * listens on localhost, which no port mapping reaches, so it does not count.
     */
    Set<Integer> listeningPorts() {
        Set<Integer> ports = new TreeSet<>();
        // The prometheus exporter is the one exporter that listens (otelcol's pull endpoint).
        Stream.concat(Stream.of("receivers", "extensions").flatMap(section -> endpoints(root.get(section))),
                        prometheusExporters().flatMap(CollectorConfig::endpoints))
                .map(HostPort::parse)
                .filter(address -> !isLoopback(address))
                .forEach(address -> ports.add(address.getPort()));
        service().telemetry().metrics().endpoint().map(HostPort::parse)
                .filter(metrics -> !isLoopback(metrics))
                .ifPresent(metrics -> ports.add(metrics.getPort()));
        return ports;
    }

    int metricsPort() {
        return HostPort.parse(service().telemetry().metrics().endpoint().orElseThrow()).getPort();
    }

    HealthCheckConfig healthCheck() {
        return component("extensions", "health_check", HealthCheckConfig.class, HealthCheckConfig.DEFAULT)
                .orElseThrow(() -> new AssertionError(name + " has no health_check extension"));
    }

    /** The first component of {@code type} (any {@code type/name} ID) in {@code section}, bound to its config record. */
    <T> Optional<T> component(String section, String type, Class<T> record, T defaults) {
        ConfigNode components = root.get(section);
        if (components == null) {
            return Optional.empty();
        }
        return components.entries().entrySet().stream()
                .filter(e -> e.getKey().equals(type) || e.getKey().startsWith(type + "/"))
                .findFirst()
                .map(e -> Binder.bind(e.getValue(), section + "::" + e.getKey(), record, defaults));
    }

    Map<String, PipelineConfig> pipelines() {
        return service().pipelines();
    }

    private ServiceConfig service() {
        return Binder.bind(root.get("service"), "service", ServiceConfig.class, ServiceConfig.DEFAULT);
    }

    private Stream<ConfigNode> prometheusExporters() {
        ConfigNode exporters = root.get("exporters");
        return exporters == null ? Stream.empty() : exporters.entries().entrySet().stream()
                .filter(e -> e.getKey().equals("prometheus") || e.getKey().startsWith("prometheus/"))
                .map(Map.Entry::getValue);
    }

    private static Stream<String> endpoints(ConfigNode node) {
        if (node == null) {
            return Stream.empty();
        }
        return node.entries().entrySet().stream().flatMap(e -> e.getKey().equals("endpoint") && e.getValue().kind() == ConfigNode.Kind.SCALAR
                ? Stream.of(e.getValue().scalar())
                : endpoints(e.getValue()));
    }

    private static boolean isLoopback(InetSocketAddress address) {
        String host = address.getHostString();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }
}
