package io.tributary.exporter.loadbalancing;

import io.tributary.config.ConfigNode;
import io.tributary.config.Validated;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import io.tributary.exporter.otlp.OtlpExporterConfig;
import java.time.Duration;
import java.util.List;

/**
 * The {@code loadbalancing} exporter's settings, as contrib's loadbalancingexporter has them.
 * {@code protocol.otlp} is the {@code otlp} exporter's config without {@code endpoint}: each
 * backend gets a copy pointed at it. The top-level {@code timeout}, {@code sending_queue} and
 * {@code retry_on_failure} wrap the whole exporter and are off by default, as in otelcol; a
 * retry there routes the batch again, so it reaches whichever backend owns it by then.
 */
public record LoadBalancingExporterConfig(
        String routingKey,
        List<String> routingAttributes,
        Protocol protocol,
        Resolvers resolver,
        Duration timeout,
        QueueConfig sendingQueue,
        RetryConfig retryOnFailure) implements Validated {
    public static final LoadBalancingExporterConfig DEFAULT = new LoadBalancingExporterConfig(
            "traceID", List.of(), Protocol.DEFAULT, Resolvers.DEFAULT, Duration.ZERO,
            new QueueConfig(false, 10, 1000, null),
            new RetryConfig(false, Duration.ofSeconds(5), 0.5, 1.5, Duration.ofSeconds(30), Duration.ofSeconds(300)));

    public LoadBalancingExporterConfig {
        RoutingKey.parse(routingKey);
        routingAttributes = routingAttributes == null ? List.of() : List.copyOf(routingAttributes);
        if (!routingAttributes.isEmpty()) {
            throw new IllegalArgumentException("routing_attributes (routing_key \"attributes\") is not supported yet");
        }
        protocol = protocol == null ? Protocol.DEFAULT : protocol;
        resolver = resolver == null ? Resolvers.DEFAULT : resolver;
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative");
        }
    }

    /** The checks otelcol makes on the resolver section; the default config has no resolver, so they run here. */
    @Override
    public void validate() {
        int configured = (resolver.staticResolver() != null ? 1 : 0) + (resolver.dns() != null ? 1 : 0)
                + (resolver.k8s() != null ? 1 : 0);
        if (configured == 0) {
            throw new IllegalArgumentException("no resolvers specified for the exporter");
        }
        if (configured > 1) {
            throw new IllegalArgumentException("only one resolver should be specified");
        }
    }

    RoutingKey key() {
        return RoutingKey.parse(routingKey);
    }

    /** {@code protocol}: only OTLP over gRPC, as in otelcol. */
    public record Protocol(OtlpExporterConfig otlp) {
        public static final Protocol DEFAULT = new Protocol(OtlpExporterConfig.DEFAULT);

        public Protocol {
            otlp = otlp == null ? OtlpExporterConfig.DEFAULT : otlp;
        }
    }

    /** {@code resolver}: exactly one of them ({@link #validate()}). */
    public record Resolvers(
            @io.tributary.config.Key("static") StaticResolverConfig staticResolver,
            DnsResolverConfig dns,
            K8sResolverConfig k8s,
            ConfigNode awsCloudMap) {
        public static final Resolvers DEFAULT = new Resolvers(null, null, null, null);

        public Resolvers {
            if (awsCloudMap != null && !awsCloudMap.isNull()) {
                throw new IllegalArgumentException("aws_cloud_map: the AWS Cloud Map resolver is not supported (use static, dns or k8s)");
            }
        }
    }

    /** {@code resolver.static}: a fixed list, sorted so that the list's order does not matter. */
    public record StaticResolverConfig(List<String> hostnames) {
        public StaticResolverConfig {
            hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
            if (hostnames.isEmpty()) {
                throw new IllegalArgumentException("no endpoints specified for the static resolver");
            }
        }
    }

    /** {@code resolver.dns}: every address {@code hostname} resolves to, checked every {@code interval}. */
    public record DnsResolverConfig(String hostname, String port, Duration interval, Duration timeout) {
        public DnsResolverConfig {
            if (hostname == null || hostname.isBlank()) {
                throw new IllegalArgumentException("no hostname specified to resolve the backends");
            }
            port = port == null ? "4317" : port;
            interval = interval == null || interval.isZero() ? Duration.ofSeconds(5) : interval;
            timeout = timeout == null || timeout.isZero() ? Duration.ofSeconds(1) : timeout;
            if (interval.isNegative() || timeout.isNegative()) {
                throw new IllegalArgumentException("interval and timeout must not be negative");
            }
        }
    }

    /** {@code resolver.k8s}: the ready addresses of a Service's EndpointSlices, one backend per address and port. */
    public record K8sResolverConfig(String service, List<Integer> ports, Duration timeout, boolean returnHostnames) {
        public K8sResolverConfig {
            if (service == null || service.isBlank()) {
                throw new IllegalArgumentException("no service specified to resolve the backends");
            }
            ports = ports == null || ports.isEmpty() ? List.of(4317) : List.copyOf(ports);
            for (int port : ports) {
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("invalid port " + port);
                }
            }
            timeout = timeout == null || timeout.isZero() ? Duration.ofSeconds(1) : timeout;
        }
    }
}
