package io.tributary.exporter.loadbalancing;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.ExporterHelper;
import io.tributary.exporter.loadbalancing.LoadBalancingExporterConfig.Resolvers;
import io.tributary.exporter.otlp.OtlpExporterConfig;
import io.tributary.exporter.otlp.OtlpGrpcSender;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code loadbalancing} exporter (alias {@code load_balancing}, otelcol's newer spelling):
 * routes spans by trace ID or service to one of the backends a resolver finds, through one
 * {@code otlp} exporter per backend.
 */
public final class LoadBalancingExporterFactory implements ExporterFactory<LoadBalancingExporterConfig> {
    private static final String DEFAULT_PORT = "4317";

    @Override
    public String type() {
        return "loadbalancing";
    }

    @Override
    public List<String> aliases() {
        return List.of("load_balancing");
    }

    @Override
    public Class<LoadBalancingExporterConfig> configType() {
        return LoadBalancingExporterConfig.class;
    }

    @Override
    public LoadBalancingExporterConfig defaultConfig() {
        return LoadBalancingExporterConfig.DEFAULT;
    }

    @Override
    public Exporter create(ComponentContext context, LoadBalancingExporterConfig config) {
        Resolvers resolvers = config.resolver();
        String kind = resolvers.staticResolver() != null ? "static" : resolvers.dns() != null ? "dns" : "k8s";
        LoadBalancerMetrics metrics = new LoadBalancerMetrics(context.telemetry(), kind);
        Resolver resolver = switch (kind) {
            case "static" -> new StaticResolver(resolvers.staticResolver().hostnames(), metrics);
            case "dns" -> new DnsResolver(resolvers.dns(), DnsResolver.JDK, metrics);
            default -> new K8sResolver(resolvers.k8s(), K8sResolver.inCluster(), metrics);
        };
        OtlpExporterConfig otlp = config.protocol().otlp();
        LoadBalancer.BackendFactory backends = (endpoint, reroute) -> backend(context, otlp, endpoint, reroute);
        return new ExporterHelper(context, config.timeout(), config.sendingQueue(), config.retryOnFailure(),
                new LoadBalancer(config.key(), resolver, backends, metrics));
    }

    /**
     * One backend: the {@code otlp} exporter of {@code protocol.otlp} pointed at it, named
     * {@code otlp/<endpoint>}, so that its meters, and the directory of a persistent queue (which
     * the backend finds again after a restart), are its own.
     */
    static Backend backend(ComponentContext context, OtlpExporterConfig otlp, String endpoint, Consumer<Traces> reroute) {
        String target = withPort(endpoint);
        OtlpExporterConfig pointed = otlp.unqueuedTo(target);
        ComponentContext backendContext = new ComponentContext(new ComponentId("otlp", target), context.telemetry().group(),
                context.eventLoops(), context.workers(), context.scheduler(), context.clock());
        return new Backend(backendContext, otlp.timeout(), otlp.sendingQueue(), otlp.retryOnFailure(),
                new OtlpGrpcSender(pointed, context.eventLoops()), reroute);
    }

    /** As otelcol: an endpoint without a port gets the OTLP gRPC port. */
    static String withPort(String endpoint) {
        boolean hasPort = endpoint.startsWith("[") ? endpoint.contains("]:") : endpoint.contains(":");
        return hasPort ? endpoint : endpoint + ":" + DEFAULT_PORT;
    }
}
