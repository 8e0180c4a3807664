package io.tributary.core.service;

import io.tributary.config.ConfigError;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigNode;
import io.tributary.core.component.Component;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Connector;
import io.tributary.core.component.ConnectorFactory;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.component.Extension;
import io.tributary.core.component.ExtensionFactory;
import io.tributary.core.component.Host;
import io.tributary.core.component.Kind;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.component.Receiver;
import io.tributary.core.component.ReceiverFactory;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.ConnectorTargets;
import io.tributary.core.consumer.Consumers;
import io.tributary.core.consumer.FanOut;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import io.tributary.core.net.HostPort;
import io.tributary.core.telemetry.MetricsServer;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.core.telemetry.TelemetryConfig;
import io.tributary.core.telemetry.push.PeriodicPush;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running collector: builds components and pipelines from the root config node, validates
 * the graph, starts exporters → processors → receivers (extensions first), and shuts down in
 * reverse, draining batches and queues.
 *
 * <p>The graph: one receiver instance per receiver ID, fanning out to every pipeline that lists
 * it (per signal, when pipelines of several signals do); one processor instance per (pipeline,
 * processor ID), chained in order; one exporter instance per exporter ID, shared by the
 * pipelines that list it whatever their signals, each pipeline ending in a fan-out to its
 * exporters; one connector instance per connector ID and pair of signals, in the fan-out of the
 * pipelines that export to it and feeding those that receive from it. Components defined but
 * used by no pipeline are not created.
 */
public final class Service {
    private static final Logger log = LoggerFactory.getLogger(Service.class);

    /** A created component and what the logs and errors call it. */
    private record Node<T extends Component>(Kind kind, ComponentId id, T component) {
        String describe() {
            return ServicePlan.singular(kind) + " '" + id + "'";
        }
    }

    private final Telemetry telemetry;
    private final TelemetryConfig telemetryConfig;
    private final SharedResources resources;
    private final Map<ComponentId, Node<Extension>> extensions = new LinkedHashMap<>();
    private final Map<ComponentId, Node<Exporter>> exporters = new LinkedHashMap<>();
    /**
     * Processors and connectors in the order data passes them: each pipeline's processors in
     * order, pipelines upstream first, each connector after the last pipeline that feeds it.
     * Started back to front, so nothing hands data to a component not yet running; stopped
     * front to back, so what one flushes on shutdown reaches components still running.
     */
    private final List<Node<?>> stages = new ArrayList<>();
    private final Map<ComponentId, Node<Receiver>> receivers = new LinkedHashMap<>();
    /** Components whose start was attempted: only these are shut down. */
    private final Set<Component> started = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile MetricsServer metricsServer;
    private final List<PeriodicPush> metricsPushes = new CopyOnWriteArrayList<>();

    private Service(ServicePlan plan, Telemetry telemetry, SharedResources resources) {
        this.telemetry = telemetry;
        this.telemetryConfig = plan.service().telemetry();
        this.resources = resources;
        for (ComponentId id : plan.extensions()) {
            ServicePlan.Resolved r = plan.component(Kind.EXTENSION, id);
            extensions.put(id, create(r, () -> createExtension((ExtensionFactory<?>) r.factory(), context(id), r.config())));
        }
        for (ComponentId id : plan.used(Kind.EXPORTER)) {
            ServicePlan.Resolved r = plan.component(Kind.EXPORTER, id);
            exporters.put(id, create(r, () -> createExporter((ExporterFactory<?>) r.factory(), context(id), r.config())));
        }
        Map<ComponentId, Map<Signal<?>, List<SignalConsumer<?>>>> receiverTargets = new LinkedHashMap<>();
        // Downstream first, so that a connector is created with the heads of the pipelines it feeds.
        Map<String, SignalConsumer<?>> heads = new LinkedHashMap<>();
        Map<ServicePlan.ConnectorUse, Node<Connector<?>>> connectors = new LinkedHashMap<>();
        Map<String, List<Node<?>>> chains = new LinkedHashMap<>();
        for (ServicePlan.Pipeline pipeline : reversed(plan.pipelines())) {
            List<Node<?>> chain = new ArrayList<>();
            SignalConsumer<?> head = buildPipeline(plan, pipeline, pipeline.signal(), chain,
                    use -> connectors.computeIfAbsent(use, u -> createConnector(plan, u, heads)));
            heads.put(pipeline.id(), head);
            chains.put(pipeline.id(), chain);
            for (ComponentId id : pipeline.receivers()) {
                receiverTargets.computeIfAbsent(id, k -> new LinkedHashMap<>())
                        .computeIfAbsent(pipeline.signal(), k -> new ArrayList<>()).add(head);
            }
        }
        // Each connector right after the last (in data-flow order) of the pipelines feeding it.
        Set<String> staged = new HashSet<>();
        Map<ServicePlan.ConnectorUse, Node<Connector<?>>> unstaged = new LinkedHashMap<>(connectors);
        for (ServicePlan.Pipeline pipeline : plan.pipelines()) {
            stages.addAll(chains.get(pipeline.id()));
            staged.add(pipeline.id());
            unstaged.entrySet().removeIf(entry -> staged.containsAll(entry.getKey().from()) && stages.add(entry.getValue()));
        }
        receiverTargets.forEach((id, targets) -> {
            ServicePlan.Resolved r = plan.component(Kind.RECEIVER, id);
            SignalConsumer<Traces> traces = fanOut(targets, Signal.TRACES);
            Consumers next = new Consumers(traces == null ? null : TracesConsumer.of(traces),
                    fanOut(targets, Signal.METRICS), fanOut(targets, Signal.LOGS));
            receivers.put(id, create(r, () -> createReceiver((ReceiverFactory<?>) r.factory(), context(id), r.config(), next)));
        });
    }

    /**
     * Creates one pipeline's processors into {@code chain}, back to front (each is created with
     * the consumer that follows it), ending in a fan-out to its exporters and the connectors it
     * exports to ({@code connector} gives the instance of a connector use); returns its head.
     */
    @SuppressWarnings("unchecked")
    private <D extends SignalData<D, ?>> SignalConsumer<D> buildPipeline(ServicePlan plan, ServicePlan.Pipeline pipeline,
            Signal<D> signal, List<Node<?>> chain, Function<ServicePlan.ConnectorUse, Node<Connector<?>>> connector) {
        // An exporter's consumer of a signal is its part for that signal, which otelcol creates per pipeline signal.
        List<SignalConsumer<D>> ends = new ArrayList<>();
        pipeline.exporters().forEach(id ->
                ends.add(creating(plan.component(Kind.EXPORTER, id), () -> exporters.get(id).component().consumer(signal))));
        plan.connectorUses().stream()
                .filter(use -> use.from().contains(pipeline.id()))
                .forEach(use -> ends.add((SignalConsumer<D>) connector.apply(use).component()));
        SignalConsumer<D> head = FanOut.of(ends);
        for (ComponentId id : reversed(pipeline.processors())) {
            ServicePlan.Resolved r = plan.component(Kind.PROCESSOR, id);
            SignalConsumer<D> next = head;
            Node<SignalProcessor<?>> node = create(r, () -> createProcessor((ProcessorFactory<?>) r.factory(), context(id),
                    r.config(), signal, next));
            chain.add(0, node);
            head = (SignalConsumer<D>) node.component();
        }
        return head;
    }

    /** The instance of one connector use, feeding the heads of the pipelines it names (already built). */
    private Node<Connector<?>> createConnector(ServicePlan plan, ServicePlan.ConnectorUse use, Map<String, SignalConsumer<?>> heads) {
        ServicePlan.Resolved r = plan.component(Kind.CONNECTOR, use.id());
        return create(r, () -> createConnector((ConnectorFactory<?>) r.factory(), context(use.id()), r.config(),
                use.fromSignal(), targets(use.toSignal(), use.to(), heads)));
    }

    @SuppressWarnings("unchecked")
    private static <D extends SignalData<D, ?>> ConnectorTargets<D> targets(Signal<D> signal, List<String> pipelines,
            Map<String, SignalConsumer<?>> heads) {
        Map<String, SignalConsumer<D>> byId = new LinkedHashMap<>();
        pipelines.forEach(id -> byId.put(id, (SignalConsumer<D>) heads.get(id)));
        return new ConnectorTargets<>(signal, byId);
    }

    /** The fan-out to the pipelines of {@code signal} in {@code targets}, or null when there are none. */
    @SuppressWarnings("unchecked")
    private static <D extends SignalData<D, ?>> SignalConsumer<D> fanOut(Map<Signal<?>, List<SignalConsumer<?>>> targets,
            Signal<D> signal) {
        List<SignalConsumer<?>> heads = targets.get(signal);
        if (heads == null) {
            return null;
        }
        return FanOut.of(heads.stream().map(head -> (SignalConsumer<D>) head).toList());
    }

    /**
     * Builds (but does not start) the service.
     *
     * @throws io.tributary.config.ConfigException listing every problem, with file, line and key path
     */
    public static Service build(ConfigNode root, Components components) {
        String version = Service.class.getPackage().getImplementationVersion();
        return build(root, components, version == null ? "dev" : version);
    }

    /** As {@link #build(ConfigNode, Components)}, reporting {@code version} as {@code service_version} in self-metrics. */
    public static Service build(ConfigNode root, Components components, String version) {
        return build(root, components, version, logs -> { });
    }

    /**
     * As {@link #build(ConfigNode, Components, String)}; {@code applyLogs} is handed
     * {@code service::telemetry::logs} before the service logs anything, so that every line
     * (the warnings about the config among them) has the configured level and encoding.
     */
    public static Service build(ConfigNode root, Components components, String version, Consumer<TelemetryConfig.Logs> applyLogs) {
        ServicePlan plan = ServicePlan.of(root, components).orThrow();
        applyLogs.accept(plan.service().telemetry().logs());
        plan.unused().forEach(c -> log.info("{} is defined but not used; it will not be created", c));
        plan.service().telemetry().ignoredSettings().forEach(log::warn);
        Telemetry telemetry = Telemetry.forService(version, plan.service().telemetry());
        SharedResources resources = new SharedResources();
        try {
            return new Service(plan, telemetry, resources);
        } catch (RuntimeException e) {
            resources.close();
            telemetry.close();
            throw e;
        }
    }

    /** Every problem in {@code root}, or an empty list; used by {@code tributary validate}. */
    public static List<ConfigError> validate(ConfigNode root, Components components) {
        return ServicePlan.of(root, components).errors();
    }

    /**
     * Starts everything; on failure shuts down what started and throws an exception whose message
     * names the component and, for sockets, the address.
     */
    public void start() throws Exception {
        if (stopped.get()) {
            throw new IllegalStateException("the service was shut down and cannot start again");
        }
        Host host = id -> Optional.ofNullable(extensions.get(id)).map(Node::component);
        try {
            startMetricsServer();
            startMetricsPushes();
            for (Node<Extension> node : extensions.values()) {
                start(node, host);
            }
            for (Node<Exporter> node : exporters.values()) {
                start(node, host);
            }
            for (Node<?> node : reversed(stages)) {
                start(node, host);
            }
            for (Node<Receiver> node : receivers.values()) {
                start(node, host);
            }
        } catch (Exception e) {
            shutdown();
            throw e;
        }
        extensions.values().forEach(node -> node.component().pipelinesReady(true));
    }

    private void startMetricsServer() throws ServiceStartException {
        TelemetryConfig.Metrics metrics = telemetryConfig.metrics();
        if (metrics.level() == TelemetryConfig.Level.NONE) {
            log.info("self-metrics are not served (service::telemetry::metrics::level is none)");
            return;
        }
        Optional<String> endpoint = metrics.endpoint();
        if (endpoint.isEmpty()) {
            log.info("self-metrics are not served over Prometheus (service::telemetry::metrics::readers has no pull reader)");
            return;
        }
        try {
            metricsServer = MetricsServer.start(telemetry, resources.eventLoops, HostPort.parse(endpoint.get()), resources.workers);
        } catch (Exception e) {
            throw new ServiceStartException("failed to start the metrics server: " + describe(e), e);
        }
        log.info("serving self-metrics at http://{}/metrics", display(metricsServer.address()));
    }

    /** One push per {@code periodic} reader with an {@code otlp} exporter, unless metrics are off (then otelcol pushes none). */
    private void startMetricsPushes() throws ServiceStartException {
        TelemetryConfig.Metrics metrics = telemetryConfig.metrics();
        if (metrics.level() == TelemetryConfig.Level.NONE) {
            return;
        }
        for (int i = 0; i < metrics.readers().size(); i++) {
            TelemetryConfig.Periodic periodic = metrics.readers().get(i).periodic();
            if (periodic == null || periodic.exporter().otlp() == null) {
                continue;
            }
            TelemetryConfig.Otlp otlp = periodic.exporter().otlp();
            try {
                metricsPushes.add(PeriodicPush.start(periodic,
                        telemetry.otlpReader(otlp.temporalityPreference(), resources.clock), resources.eventLoops));
            } catch (Exception e) {
                throw new ServiceStartException("failed to start service::telemetry::metrics::readers[" + i + "]::periodic: "
                        + describe(e), e);
            }
            log.info("pushing self-metrics over OTLP every {} ms to {}", periodic.interval(), otlp.url());
        }
    }

    private void start(Node<?> node, Host host) throws ServiceStartException {
        log.info("starting {}", node.describe());
        started.add(node.component());
        try {
            node.component().start(host);
        } catch (Exception e) {
            throw new ServiceStartException("failed to start " + node.describe() + ": " + describe(e), e);
        }
    }

    /** Stops receivers first, then processors (flushing), exporters (draining), extensions. Idempotent. */
    public void shutdown() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        log.info("shutting down");
        extensions.values().forEach(node -> node.component().pipelinesReady(false));
        receivers.values().forEach(this::stop);
        stages.forEach(this::stop);
        exporters.values().forEach(this::stop);
        reversed(List.copyOf(extensions.values())).forEach(this::stop);
        MetricsServer server = metricsServer;
        if (server != null) {
            server.close();
            log.debug("metrics server stopped");
        }
        // After every component stopped, so the final push has their last counts; before the meters go.
        metricsPushes.forEach(PeriodicPush::close);
        telemetry.close();
        resources.close();
        log.info("shutdown complete");
    }

    private void stop(Node<?> node) {
        if (!started.contains(node.component())) {
            return;
        }
        log.info("stopping {}", node.describe());
        try {
            node.component().shutdown();
        } catch (RuntimeException e) {
            log.warn("{} failed to shut down cleanly", node.describe(), e);
        }
    }

    /** The addresses each receiver listens on, once started (the real ports when configured with port 0). */
    public Map<ComponentId, Map<String, InetSocketAddress>> receiverAddresses() {
        return addresses(receivers);
    }

    /** The addresses each exporter listens on, once started (the {@code prometheus} exporter's pull endpoint). */
    public Map<ComponentId, Map<String, InetSocketAddress>> exporterAddresses() {
        return addresses(exporters);
    }

    /** The addresses each extension listens on, once started. */
    public Map<ComponentId, Map<String, InetSocketAddress>> extensionAddresses() {
        return addresses(extensions);
    }

    /** Where {@code /metrics} is served, once started; empty with {@code level: none}. */
    public Optional<InetSocketAddress> metricsAddress() {
        return Optional.ofNullable(metricsServer).map(MetricsServer::address);
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    /** {@code service::telemetry}; the distribution applies its {@code logs} settings to the logging backend. */
    public TelemetryConfig telemetryConfig() {
        return telemetryConfig;
    }

    private static Map<ComponentId, Map<String, InetSocketAddress>> addresses(Map<ComponentId, ? extends Node<?>> nodes) {
        Map<ComponentId, Map<String, InetSocketAddress>> result = new LinkedHashMap<>();
        nodes.forEach((id, node) -> result.put(id, node.component().addresses()));
        return Collections.unmodifiableMap(result);
    }

    private ComponentContext context(ComponentId id) {
        // Each component's meters are a group of their own, closed with the service's telemetry.
        return new ComponentContext(id, telemetry.group(), resources.eventLoops, resources.workers, resources.scheduler, resources.clock);
    }

    private static <T extends Component> Node<T> create(ServicePlan.Resolved r, Supplier<T> creation) {
        return new Node<>(r.factory().kind(), r.id(), creating(r, creation));
    }

    /** What {@code creation} makes of component {@code r}; its failure is a config error at the component's line. */
    private static <T> T creating(ServicePlan.Resolved r, Supplier<T> creation) {
        Kind kind = r.factory().kind();
        try {
            return creation.get();
        } catch (RuntimeException e) {
            String path = kind.section() + "::" + r.id();
            throw new ConfigException(new ConfigError(r.location(), path,
                    "cannot create " + ServicePlan.singular(kind) + " '" + r.id() + "': " + describe(e)));
        }
    }

    // The factories' config types are only known at run time; the plan bound each config with
    // its own factory's configType(), so these casts hold.
    @SuppressWarnings("unchecked")
    private static <C> Extension createExtension(ExtensionFactory<C> factory, ComponentContext context, Object config) {
        return factory.create(context, (C) config);
    }

    @SuppressWarnings("unchecked")
    private static <C> Exporter createExporter(ExporterFactory<C> factory, ComponentContext context, Object config) {
        return factory.create(context, (C) config);
    }

    /** Traces pipelines get their processors from the factories' traces method, which every processor type has. */
    @SuppressWarnings("unchecked")
    private static <C, D extends SignalData<D, ?>> SignalProcessor<D> createProcessor(ProcessorFactory<C> factory,
            ComponentContext context, Object config, Signal<D> signal, SignalConsumer<D> next) {
        if (signal == Signal.TRACES) {
            return (SignalProcessor<D>) factory.create(context, (C) config, TracesConsumer.of((SignalConsumer<Traces>) next));
        }
        return factory.create(context, (C) config, signal, next);
    }

    @SuppressWarnings("unchecked")
    private static <C, F extends SignalData<F, ?>, T extends SignalData<T, ?>> Connector<?> createConnector(
            ConnectorFactory<C> factory, ComponentContext context, Object config, Signal<F> from, ConnectorTargets<T> to) {
        return factory.create(context, (C) config, from, to);
    }

    @SuppressWarnings("unchecked")
    private static <C> Receiver createReceiver(ReceiverFactory<C> factory, ComponentContext context, Object config, Consumers next) {
        return factory.create(context, (C) config, next);
    }

    /** The failure's message, plus its root cause's when that adds something (e.g. "Address already in use"). */
    static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += ": " + root.getMessage();
        }
        return message;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static String display(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
