package io.tributary.core.service;

import io.tributary.config.Binder;
import io.tributary.config.ConfigError;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigNode;
import io.tributary.config.Location;
import io.tributary.config.Problems;
import io.tributary.config.Suggestions;
import io.tributary.core.component.ComponentFactory;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.ConnectorFactory;
import io.tributary.core.component.ExtensionReferences;
import io.tributary.core.component.Kind;
import io.tributary.core.data.Signal;
import io.tributary.core.net.HostPort;
import io.tributary.core.telemetry.TelemetryConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The checked reading of a whole config: every component resolved to its factory with its bound
 * config, and the pipelines as lists of IDs with their signal. Every problem is collected, so one run of
 * {@code validate} shows them all; nothing is created or started here.
 */
final class ServicePlan {
    private static final String SERVICE = "service";
    private static final String PROFILES = "profiles";
    private static final List<String> TOP_LEVEL_KEYS = List.of(
            Kind.RECEIVER.section(), Kind.PROCESSOR.section(), Kind.EXPORTER.section(), Kind.CONNECTOR.section(),
            Kind.EXTENSION.section(), SERVICE);

    /** A component written in config, resolved to its factory, with its bound config. */
    record Resolved(ComponentId id, ComponentFactory<?> factory, Object config, Location location, ConfigNode node) {
    }

    /** An extension named in a component's config, e.g. {@code exporters::otlp::sending_queue::storage}. */
    private record ExtensionReference(Kind kind, ComponentId owner, String path, String extension, Location location) {
    }

    /**
     * A pipeline, by its ID as written ({@code metrics} or {@code metrics/name}), and the signal it
     * carries; the connectors its {@code receivers} and {@code exporters} lists name are kept apart
     * from the receivers and exporters.
     */
    record Pipeline(String id, Signal<?> signal, List<ComponentId> receivers, List<ComponentId> processors,
            List<ComponentId> exporters, List<ComponentId> connectorsIn, List<ComponentId> connectorsOut) {
        List<ComponentId> ids(Kind kind) {
            return switch (kind) {
                case RECEIVER -> receivers;
                case PROCESSOR -> processors;
                case EXPORTER -> exporters;
                case CONNECTOR -> concat(connectorsOut, connectorsIn);
                case EXTENSION -> List.of();
            };
        }
    }

    /**
     * One connector instance, as otelcol makes one per connector ID and pair of signals: it takes
     * the data of the {@code from} pipelines (where it is an exporter) and feeds the {@code to}
     * pipelines (where it is a receiver).
     */
    record ConnectorUse(ComponentId id, Signal<?> fromSignal, Signal<?> toSignal, List<String> from, List<String> to) {
    }

    private final List<ConfigError> errors = new ArrayList<>();
    private final Map<Kind, Set<ComponentId>> declared = new EnumMap<>(Kind.class);
    private final Map<Kind, Map<ComponentId, Resolved>> resolved = new EnumMap<>(Kind.class);
    private final List<Pipeline> pipelines = new ArrayList<>();
    private final List<ConnectorUse> connectorUses = new ArrayList<>();
    private final List<ComponentId> extensions = new ArrayList<>();
    private final List<ExtensionReference> extensionReferences = new ArrayList<>();
    private ServiceConfig service = ServiceConfig.DEFAULT;

    private ServicePlan() {
        for (Kind kind : Kind.values()) {
            declared.put(kind, new LinkedHashSet<>());
            resolved.put(kind, new LinkedHashMap<>());
        }
    }

    static ServicePlan of(ConfigNode root, Components components) {
        ServicePlan plan = new ServicePlan();
        plan.read(root, components);
        return plan;
    }

    List<ConfigError> errors() {
        return List.copyOf(errors);
    }

    /** @throws ConfigException listing every problem, when there is any */
    ServicePlan orThrow() {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return this;
    }

    ServiceConfig service() {
        return service;
    }

    /**
     * The pipelines, each before every pipeline its connectors feed (so data flows from the
     * front of the list to the back), in config order where connectors do not say otherwise.
     */
    List<Pipeline> pipelines() {
        return List.copyOf(pipelines);
    }

    /** The connector instances to create, in the order connectors are written. */
    List<ConnectorUse> connectorUses() {
        return List.copyOf(connectorUses);
    }

    /** Extensions in the order {@code service::extensions} lists them. */
    List<ComponentId> extensions() {
        return List.copyOf(extensions);
    }

    Resolved component(Kind kind, ComponentId id) {
        return resolved.get(kind).get(id);
    }

    /** IDs of one kind in the order the pipelines first name them. */
    List<ComponentId> used(Kind kind) {
        Set<ComponentId> used = new LinkedHashSet<>();
        pipelines.forEach(p -> used.addAll(p.ids(kind)));
        if (kind == Kind.EXTENSION) {
            used.addAll(extensions);
        }
        return List.copyOf(used);
    }

    /** Components defined but named by no pipeline (or, for extensions, not in {@code service::extensions}). */
    List<String> unused() {
        List<String> unused = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            Set<ComponentId> used = new HashSet<>(used(kind));
            declared.get(kind).stream().filter(id -> !used.contains(id))
                    .forEach(id -> unused.add(singular(kind) + " '" + id + "'"));
        }
        return unused;
    }

    private void read(ConfigNode root, Components components) {
        if (root == null || root.kind() != ConfigNode.Kind.MAP) {
            Location where = root == null ? Location.UNKNOWN : root.location();
            errors.add(new ConfigError(where, "", "the configuration is empty or not a map"));
            return;
        }
        for (Map.Entry<String, ConfigNode> entry : root.entries().entrySet()) {
            if (!TOP_LEVEL_KEYS.contains(entry.getKey())) {
                errors.add(new ConfigError(entry.getValue().location(), entry.getKey(),
                        "unknown key '" + entry.getKey() + "'" + hint(entry.getKey(), TOP_LEVEL_KEYS)));
            }
        }
        for (Kind kind : Kind.values()) {
            readComponents(kind, root.get(kind.section()), components);
        }
        checkAmbiguousConnectors();
        readService(root, root.get(SERVICE));
        checkExtensionReferences();
    }

    private void readComponents(Kind kind, ConfigNode section, Components components) {
        if (section == null || section.isNull()) {
            return;
        }
        if (section.kind() != ConfigNode.Kind.MAP) {
            errors.add(new ConfigError(section.location(), kind.section(), "must be a map of component IDs to their settings"));
            return;
        }
        for (Map.Entry<String, ConfigNode> entry : section.entries().entrySet()) {
            String path = kind.section() + "::" + entry.getKey();
            Location location = entry.getValue().location();
            ComponentId id;
            try {
                id = ComponentId.parse(entry.getKey());
            } catch (IllegalArgumentException e) {
                errors.add(new ConfigError(location, path, e.getMessage()));
                continue;
            }
            declared.get(kind).add(id);
            ComponentFactory<?> factory = components.find(kind, id.type()).orElse(null);
            if (factory == null) {
                List<String> types = components.of(kind).stream().map(ComponentFactory::type).toList();
                errors.add(new ConfigError(location, path, "unknown " + singular(kind) + " type '" + id.type()
                        + "'; valid types: " + String.join(", ", types) + hint(id.type(), types)));
                continue;
            }
            Binder.Bound<?> bound = bind(factory, entry.getValue(), path);
            errors.addAll(bound.errors());
            if (bound.errors().isEmpty()) {
                resolved.get(kind).put(id, new Resolved(id, factory, bound.value(), location, entry.getValue()));
            }
            // Also from a section with errors: its good keys still name extensions to check.
            collectExtensionReferences(kind, id, bound.value(), entry.getValue(), path);
        }
    }

    /** A connector ID is also written in pipelines' receiver and exporter lists, so it must name nothing else there. */
    private void checkAmbiguousConnectors() {
        for (ComponentId id : declared.get(Kind.CONNECTOR)) {
            for (Kind other : List.of(Kind.EXPORTER, Kind.RECEIVER)) {
                if (declared.get(other).contains(id)) {
                    Resolved connector = resolved.get(Kind.CONNECTOR).get(id);
                    String path = Kind.CONNECTOR.section() + "::" + id;
                    errors.add(new ConfigError(connector == null ? Location.UNKNOWN : connector.location(), path,
                            "ambiguous ID: found both \"" + id + "\" " + singular(other) + " and \"" + id
                                    + "\" connector; rename one of them (e.g. the connector to \"" + id + "/connector\")"));
                }
            }
        }
    }

    /**
     * Finds the extensions a bound config names, in the record itself or in its sections at any
     * depth (a receiver's {@code protocols::grpc::auth}).
     */
    private void collectExtensionReferences(Kind kind, ComponentId owner, Object config, ConfigNode node, String path) {
        addReferences(kind, owner, config, node, path);
        if (config instanceof Record record) {
            Binder.keyedValues(record).forEach((key, value) ->
                    collectExtensionReferences(kind, owner, value, child(node, key), path + "::" + key));
        }
    }

    private void addReferences(Kind kind, ComponentId owner, Object config, ConfigNode node, String path) {
        if (config instanceof ExtensionReferences references) {
            references.extensionReferences().forEach((key, extension) -> {
                ConfigNode at = child(node, key);
                Location location = at != null ? at.location() : node != null ? node.location() : Location.UNKNOWN;
                extensionReferences.add(new ExtensionReference(kind, owner, path + "::" + key, extension, location));
            });
        }
    }

    /** Only the references of components that will be created matter; each must name a running extension. */
    private void checkExtensionReferences() {
        for (ExtensionReference reference : extensionReferences) {
            if (!used(reference.kind()).contains(reference.owner())) {
                continue;
            }
            ComponentId id;
            try {
                id = ComponentId.parse(reference.extension());
            } catch (IllegalArgumentException e) {
                errors.add(new ConfigError(reference.location(), reference.path(), e.getMessage()));
                continue;
            }
            if (!declared.get(Kind.EXTENSION).contains(id)) {
                errors.add(new ConfigError(reference.location(), reference.path(), "references extension '" + id
                        + "' which is not defined under 'extensions'" + hint(id.toString(),
                        declared.get(Kind.EXTENSION).stream().map(ComponentId::toString).toList())));
            } else if (!extensions.contains(id)) {
                errors.add(new ConfigError(reference.location(), reference.path(), "references extension '" + id
                        + "' which is not listed in service::extensions; only listed extensions run"));
            }
        }
    }

    /** A factory whose defaults cannot even be built is reported at the section, never thrown. */
    private static <C> Binder.Bound<C> bind(ComponentFactory<C> factory, ConfigNode node, String path) {
        try {
            return Binder.bindAll(node, path, factory.configType(), factory.defaultConfig());
        } catch (RuntimeException e) {
            return new Binder.Bound<>(null, List.of(new ConfigError(node.location(), path,
                    "cannot read the settings (" + Service.describe(e) + ")")));
        }
    }

    private void readService(ConfigNode root, ConfigNode node) {
        if (node == null) {
            errors.add(new ConfigError(root.location(), SERVICE, "missing the 'service' section with at least one pipeline"));
            return;
        }
        try {
            service = Binder.bind(node, SERVICE, ServiceConfig.class, ServiceConfig.DEFAULT);
        } catch (ConfigException e) {
            // The pipelines cannot be checked against a section that did not bind.
            errors.addAll(e.errors());
            return;
        }
        checkMetricsEndpoint(child(node, "telemetry"), node.location());
        ConfigNode pipelinesNode = node.get("pipelines");
        // The node's keys keep the order written, so errors and pipelines follow the file.
        for (String pipelineId : pipelinesNode == null ? List.<String>of() : pipelinesNode.entries().keySet()) {
            PipelineConfig pipeline = service.pipelines().get(pipelineId);
            readPipeline(pipelineId, pipeline == null ? PipelineConfig.DEFAULT : pipeline, pipelinesNode.get(pipelineId), node);
        }
        checkSignals();
        checkConnectors(pipelinesNode);
        if (service.pipelines().isEmpty()) {
            Location where = pipelinesNode == null ? node.location() : pipelinesNode.location();
            errors.add(new ConfigError(where, SERVICE + "::pipelines", "service must have at least one pipeline"));
        }
        ConfigNode extensionsNode = node.get("extensions");
        extensions.addAll(references(Kind.EXTENSION, declared.get(Kind.EXTENSION), service.extensions(), extensionsNode,
                SERVICE + "::extensions",
                id -> "service::extensions references extension '" + id + "' which is not defined under 'extensions'",
                id -> null));
    }

    private void checkMetricsEndpoint(ConfigNode telemetryNode, Location serviceLocation) {
        TelemetryConfig.Metrics metrics = service.telemetry().metrics();
        if (metrics.level() == TelemetryConfig.Level.NONE) {
            return;
        }
        try {
            metrics.endpoint().ifPresent(HostPort::parse);
        } catch (IllegalArgumentException e) {
            Location where = telemetryNode == null ? serviceLocation : telemetryNode.location();
            errors.add(new ConfigError(where, SERVICE + "::telemetry::metrics", e.getMessage()));
        }
    }

    private void readPipeline(String pipelineId, PipelineConfig config, ConfigNode node, ConfigNode serviceNode) {
        String path = SERVICE + "::pipelines::" + pipelineId;
        Location location = node == null ? serviceNode.location() : node.location();
        String signalId = pipelineId.contains("/") ? pipelineId.substring(0, pipelineId.indexOf('/')) : pipelineId;
        Signal<?> signal = Signal.byId(signalId).orElse(null);
        if (signalId.equals(PROFILES)) {
            errors.add(new ConfigError(location, path, "profiles pipelines are not supported; '" + pipelineId
                    + "' is a profiles pipeline"));
            return;
        }
        List<String> signalIds = Signal.all().stream().map(Signal::id).toList();
        if (signal == null || pipelineId.endsWith("/")) {
            errors.add(new ConfigError(location, path, "unknown pipeline ID '" + pipelineId
                    + "'; a pipeline ID is a signal (" + String.join(", ", signalIds) + ") or '<signal>/<name>'"
                    + hint(signalId, signalIds)));
            return;
        }
        List<ComponentId> receivers = pipelineReferences(pipelineId, signal, Kind.RECEIVER, config.receivers(), node, path);
        List<ComponentId> processors = pipelineReferences(pipelineId, signal, Kind.PROCESSOR, config.processors(), node, path);
        List<ComponentId> exporters = pipelineReferences(pipelineId, signal, Kind.EXPORTER, config.exporters(), node, path);
        Set<ComponentId> connectors = declared.get(Kind.CONNECTOR);
        if (config.receivers().isEmpty()) {
            errors.add(new ConfigError(location, path, "pipeline '" + pipelineId + "' must have at least one receiver"));
        }
        if (config.exporters().isEmpty()) {
            errors.add(new ConfigError(location, path, "pipeline '" + pipelineId + "' must have at least one exporter"));
        }
        pipelines.add(new Pipeline(pipelineId, signal,
                receivers.stream().filter(id -> !connectors.contains(id)).toList(), processors,
                exporters.stream().filter(id -> !connectors.contains(id)).toList(),
                receivers.stream().filter(connectors::contains).toList(),
                exporters.stream().filter(connectors::contains).toList()));
    }

    /**
     * otelcol's rules for connectors: every signal a connector is exported from must pair with a
     * signal it is received in that its type connects, and the other way round; one instance per
     * pair used. Then the pipelines are put in the order data flows through connectors, which
     * must not loop.
     */
    private void checkConnectors(ConfigNode pipelinesNode) {
        for (ComponentId id : declared.get(Kind.CONNECTOR)) {
            Resolved connector = resolved.get(Kind.CONNECTOR).get(id);
            List<Pipeline> from = pipelines.stream().filter(p -> p.connectorsOut().contains(id)).toList();
            List<Pipeline> to = pipelines.stream().filter(p -> p.connectorsIn().contains(id)).toList();
            if (connector == null || from.isEmpty() && to.isEmpty()) {
                continue;
            }
            ConnectorFactory<?> factory = (ConnectorFactory<?>) connector.factory();
            boolean usable = checkPairs(id, from, to, Kind.EXPORTER, "receiver", factory::connects, pipelinesNode)
                    & checkPairs(id, to, from, Kind.RECEIVER, "exporter", (a, b) -> factory.connects(b, a), pipelinesNode);
            if (!usable) {
                continue;
            }
            for (Signal<?> fromSignal : signals(from)) {
                for (Signal<?> toSignal : signals(to)) {
                    if (factory.connects(fromSignal, toSignal)) {
                        connectorUses.add(new ConnectorUse(id, fromSignal, toSignal, ids(from, fromSignal), ids(to, toSignal)));
                    }
                }
            }
        }
        orderPipelines(pipelinesNode);
    }

    /**
     * Whether every signal among {@code sides} (where the connector is listed as {@code kind})
     * has a partner among {@code others} that the type accepts; otelcol's error for each that has none.
     */
    private boolean checkPairs(ComponentId id, List<Pipeline> sides, List<Pipeline> others, Kind kind, String otherRole,
            BiPredicate<Signal<?>, Signal<?>> accepts, ConfigNode pipelinesNode) {
        boolean usable = true;
        for (Signal<?> signal : signals(sides)) {
            if (signals(others).stream().anyMatch(other -> accepts.test(signal, other))) {
                continue;
            }
            usable = false;
            List<String> named = ids(sides, signal);
            String first = named.get(0);
            ConfigNode list = child(child(pipelinesNode, first), kind.section());
            int index = service.pipelines().get(first).ids(kind).indexOf(id.toString());
            errors.add(new ConfigError(itemLocation(list, Math.max(index, 0)),
                    SERVICE + "::pipelines::" + first + "::" + kind.section(),
                    "connector \"" + id + "\" used as " + singular(kind) + " in [" + String.join(" ", named)
                            + "] pipeline but not used in any supported " + otherRole + " pipeline"));
        }
        return usable;
    }

    private static Set<Signal<?>> signals(List<Pipeline> pipelines) {
        Set<Signal<?>> signals = new LinkedHashSet<>();
        pipelines.forEach(p -> signals.add(p.signal()));
        return signals;
    }

    private static List<String> ids(List<Pipeline> pipelines, Signal<?> signal) {
        return pipelines.stream().filter(p -> p.signal() == signal).map(Pipeline::id).toList();
    }

    /**
     * Sorts the pipelines so that each comes before those its connectors feed (the earliest
     * written first among those free to go), or reports the first loop as otelcol does, from a
     * connector round to it again.
     */
    private void orderPipelines(ConfigNode pipelinesNode) {
        Map<String, Set<String>> feeds = new LinkedHashMap<>();
        pipelines.forEach(p -> feeds.put(p.id(), new LinkedHashSet<>()));
        for (ConnectorUse use : connectorUses) {
            use.from().forEach(from -> feeds.get(from).addAll(use.to()));
        }
        Map<String, Integer> waiting = new HashMap<>();
        feeds.values().forEach(targets -> targets.forEach(t -> waiting.merge(t, 1, Integer::sum)));
        List<Pipeline> ordered = new ArrayList<>();
        List<Pipeline> left = new ArrayList<>(pipelines);
        while (!left.isEmpty()) {
            Pipeline next = left.stream().filter(p -> waiting.getOrDefault(p.id(), 0) == 0).findFirst().orElse(null);
            if (next == null) {
                errors.add(new ConfigError(pipelinesNode == null ? Location.UNKNOWN : pipelinesNode.location(),
                        SERVICE + "::pipelines", "cycle detected: " + describeCycle(left, feeds)));
                return;
            }
            left.remove(next);
            ordered.add(next);
            feeds.get(next.id()).forEach(t -> waiting.merge(t, -1, Integer::sum));
        }
        pipelines.clear();
        pipelines.addAll(ordered);
    }

    /** A loop among {@code left} (pipelines each still fed by another of them), as connectors and processors. */
    private String describeCycle(List<Pipeline> left, Map<String, Set<String>> feeds) {
        Map<String, Pipeline> byId = new LinkedHashMap<>();
        left.forEach(p -> byId.put(p.id(), p));
        // Walking back along feeders from any pipeline left must revisit one: that is the loop.
        List<String> path = new ArrayList<>();
        String at = left.get(0).id();
        while (!path.contains(at)) {
            path.add(at);
            String current = at;
            at = byId.keySet().stream().filter(id -> feeds.get(id).contains(current)).findFirst().orElseThrow();
        }
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        Collections.reverse(loop);
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < loop.size(); i++) {
            Pipeline from = byId.get(loop.get(i));
            Pipeline to = byId.get(loop.get((i + 1) % loop.size()));
            ConnectorUse use = connectorUses.stream()
                    .filter(u -> u.from().contains(from.id()) && u.to().contains(to.id())).findFirst().orElseThrow();
            steps.add("connector \"" + use.id() + "\" (" + use.fromSignal() + " to " + use.toSignal() + ")");
            to.processors().forEach(processor -> steps.add("processor \"" + processor + "\" in pipeline \"" + to.id() + "\""));
        }
        steps.add(steps.get(0));
        return String.join(" -> ", steps);
    }

    private List<ComponentId> pipelineReferences(String pipelineId, Signal<?> signal, Kind kind, List<String> ids,
            ConfigNode pipelineNode, String path) {
        String key = kind.section();
        // A pipeline's receivers and exporters may be connectors.
        Set<ComponentId> candidates = new LinkedHashSet<>(declared.get(kind));
        String where = "'" + key + "'";
        if (kind != Kind.PROCESSOR) {
            candidates.addAll(declared.get(Kind.CONNECTOR));
            where += " or '" + Kind.CONNECTOR.section() + "'";
        }
        String under = where;
        return references(kind, candidates, ids, child(pipelineNode, key), path + "::" + key,
                id -> "pipeline '" + pipelineId + "' references " + singular(kind) + " '" + id
                        + "' which is not defined under " + under,
                id -> unsupported(kind, id, pipelineId, signal));
    }

    /** Null when the component carries the pipeline's signal; else otelcol's words for a factory refusing it. */
    private String unsupported(Kind kind, ComponentId id, String pipelineId, Signal<?> signal) {
        Resolved component = resolved.get(kind).get(id);
        if (component == null || component.factory().signals().contains(signal)) {
            return null;
        }
        String where = kind == Kind.PROCESSOR ? ", in pipeline \"" + pipelineId + "\"" : " for data type \"" + signal + "\"";
        return "failed to create \"" + id + "\" " + singular(kind) + where + ": telemetry type is not supported";
    }

    /**
     * What each component's factory refuses for the signals of the pipelines it is in
     * ({@link ComponentFactory#checkFor}), once per component and signal, reported at the
     * component's key (or the key the factory names) in otelcol's words for a creation failure.
     */
    private void checkSignals() {
        Set<String> checked = new HashSet<>();
        for (Pipeline pipeline : pipelines) {
            for (Kind kind : List.of(Kind.RECEIVER, Kind.PROCESSOR, Kind.EXPORTER)) {
                for (ComponentId id : pipeline.ids(kind)) {
                    Resolved component = resolved.get(kind).get(id);
                    if (component != null && checked.add(kind + "/" + id + "/" + pipeline.signal())) {
                        checkFor(kind, component, pipeline);
                    }
                }
            }
        }
    }

    private void checkFor(Kind kind, Resolved component, Pipeline pipeline) {
        String path = kind.section() + "::" + component.id();
        String where = kind == Kind.PROCESSOR ? ", in pipeline \"" + pipeline.id() + "\"" : " for data type \"" + pipeline.signal() + "\"";
        String prefix = "failed to create \"" + component.id() + "\" " + singular(kind) + where + ": ";
        try {
            check(component.factory(), pipeline.signal(), component.config());
        } catch (Problems.Invalid e) {
            for (Problems.Problem problem : e.problems()) {
                // The deepest node of the key path that exists, for the line.
                ConfigNode at = component.node();
                for (String key : problem.key().split("::")) {
                    at = child(at, key) == null ? at : child(at, key);
                }
                errors.add(new ConfigError(at.location(), path + "::" + problem.key(),
                        prefix + problem.message()));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigError(component.location(), path, prefix + e.getMessage()));
        }
    }

    // The plan bound the config with this factory's own configType(), so the cast holds.
    @SuppressWarnings("unchecked")
    private static <C> void check(ComponentFactory<C> factory, Signal<?> signal, Object config) {
        factory.checkFor(signal, (C) config);
    }

    /**
     * Resolves a list of IDs, reporting each bad, undefined, repeated or (by {@code unsupported}'s
     * message) unusable one at its own line.
     */
    private List<ComponentId> references(Kind kind, Set<ComponentId> candidates, List<String> ids, ConfigNode listNode,
            String path, Function<String, String> undefinedMessage, Function<ComponentId, String> unsupported) {
        List<ComponentId> result = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String text = ids.get(i);
            Location location = itemLocation(listNode, i);
            ComponentId id;
            try {
                id = ComponentId.parse(text);
            } catch (IllegalArgumentException e) {
                errors.add(new ConfigError(location, path, e.getMessage()));
                continue;
            }
            String unusable = unsupported.apply(id);
            if (!candidates.contains(id)) {
                errors.add(new ConfigError(location, path, undefinedMessage.apply(text)));
            } else if (result.contains(id)) {
                errors.add(new ConfigError(location, path, singular(kind) + " '" + id + "' is listed more than once"));
            } else if (unusable != null) {
                errors.add(new ConfigError(location, path, unusable));
            } else {
                result.add(id);
            }
        }
        return result;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static ConfigNode child(ConfigNode node, String key) {
        return node == null ? null : node.get(key);
    }

    private static Location itemLocation(ConfigNode list, int index) {
        if (list == null) {
            return Location.UNKNOWN;
        }
        return index < list.items().size() ? list.items().get(index).location() : list.location();
    }

    static String singular(Kind kind) {
        String section = kind.section();
        return section.substring(0, section.length() - 1);
    }

    private static String hint(String input, List<String> candidates) {
        return Suggestions.closest(input, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }
}
