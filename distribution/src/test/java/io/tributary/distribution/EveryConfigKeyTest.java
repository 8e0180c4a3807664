package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.Binder;
import io.tributary.config.ByteSize;
import io.tributary.config.ConfigError;
import io.tributary.config.ConfigLoader;
import io.tributary.config.ConfigNode;
import io.tributary.core.component.ComponentFactory;
import io.tributary.core.component.Kind;
import io.tributary.core.data.Signal;
import io.tributary.core.service.Components;
import io.tributary.core.service.Service;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every key of every component's config record, at any depth, written as null, as "" and as a
 * value of the wrong type, inside an otherwise valid config: {@code validate} never throws and
 * reports problems only under the component's own key path.
 */
class EveryConfigKeyTest {
    private static final Components COMPONENTS = Components.discover();
    private static final String NAME = "under_test";
    /** The settings a component cannot do without; every other component is valid written empty. */
    private static final Map<String, String> REQUIRED = Map.ofEntries(
            Map.entry("receivers/otlp", "protocols: {grpc: {endpoint: 'localhost:0'}}"),
            Map.entry("receivers/jaeger", "protocols: {grpc: {endpoint: 'localhost:0'}}"),
            Map.entry("receivers/prometheus", "config: {scrape_configs: [{job_name: a}]}"),
            Map.entry("exporters/otlp", "endpoint: 'localhost:4317'"),
            Map.entry("exporters/otlphttp", "endpoint: 'http://localhost:4318'"),
            Map.entry("exporters/jaeger", "endpoint: 'localhost:14250'"),
            Map.entry("exporters/jaeger_thrift", "endpoint: 'http://localhost:14268/api/traces'"),
            Map.entry("exporters/zipkin", "endpoint: 'http://localhost:9411/api/v2/spans'"),
            Map.entry("exporters/file", "path: 'spans.json'"),
            Map.entry("exporters/prometheus", "endpoint: 'localhost:8889'"),
            Map.entry("exporters/loadbalancing",
                    "protocol: {otlp: {endpoint: 'unused:4317'}}\nresolver: {static: {hostnames: ['backend:4317']}}"),
            Map.entry("processors/attributes", "actions: [{key: a, action: delete}]"),
            Map.entry("processors/resource", "attributes: [{key: a, action: delete}]"),
            Map.entry("processors/tail_sampling", "policies: [{name: all, type: always_sample}]"),
            Map.entry("processors/memory_limiter", "check_interval: 1s\nlimit_mib: 100"),
            Map.entry("processors/probabilistic_sampler", "sampling_percentage: 10"),
            Map.entry("extensions/file_storage", "directory: '" + System.getProperty("java.io.tmpdir") + "'"),
            Map.entry("extensions/basicauth", "htpasswd: {inline: 'user:secret'}"),
            Map.entry("extensions/bearertokenauth", "token: secret"),
            Map.entry("connectors/routing", "table: [{condition: 'true', pipelines: [traces]}]"));

    /** Where a value goes: map keys, and {@link #ITEM} for the first item of a list. */
    private record Case(ComponentFactory<?> factory, List<Object> path, Object value) {
    }

    private static final Object ITEM = new Object();

    static Stream<Arguments> minimalConfigs() {
        return factories().map(factory -> Arguments.of(Named.of(section(factory), factory)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("minimalConfigs")
    void theMinimalConfigOfEachComponentIsValid(ComponentFactory<?> factory) {
        assertThat(validate(factory, minimal(factory))).isEmpty();
    }

    static Stream<Arguments> cases() {
        return factories().flatMap(factory -> {
            List<Case> cases = new ArrayList<>();
            walk(factory, factory.configType(), List.of(), new HashSet<>(), cases);
            return cases.stream();
        }).map(c -> Arguments.of(Named.of(section(c.factory()) + "::" + describe(c.path()) + " <- " + describeValue(c.value()), c)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nullEmptyOrWronglyTypedValuesAreErrorsUnderTheComponentNeverExceptions(Case c) {
        Object config = with(minimal(c.factory()), c.path(), 0, c.value());

        List<ConfigError> errors = validate(c.factory(), config);

        String componentPath = c.factory().kind().section() + "::" + c.factory().type() + "/" + NAME;
        assertThat(errors).allSatisfy(error -> assertThat(error.path()).startsWith(componentPath));
    }

    private static Stream<ComponentFactory<?>> factories() {
        return Stream.of(Kind.values()).flatMap(kind -> COMPONENTS.of(kind).stream());
    }

    private static String section(ComponentFactory<?> factory) {
        return factory.kind().section() + "/" + factory.type();
    }

    private static void walk(ComponentFactory<?> factory, Class<?> type, List<Object> path, Set<Class<?>> enclosing,
            List<Case> cases) {
        if (!type.isRecord() || type == ByteSize.class || !enclosing.add(type)) {
            return; // ByteSize is written as a scalar; a type inside itself (nested policies) is walked once
        }
        @SuppressWarnings("unchecked")
        Class<? extends Record> record = (Class<? extends Record>) type;
        Binder.keyTypes(record).forEach((key, keyType) -> {
            List<Object> at = append(path, key);
            cases.add(new Case(factory, at, null));
            cases.add(new Case(factory, at, ""));
            wrongValue(keyType).ifPresent(value -> cases.add(new Case(factory, at, value)));
            Class<?> raw = raw(keyType);
            if (raw == List.class) {
                element(factory, argument(keyType, 0), append(at, ITEM), enclosing, cases);
            } else if (raw == Map.class) {
                element(factory, argument(keyType, 1), append(at, "key"), enclosing, cases);
            } else {
                walk(factory, raw, at, enclosing, cases);
            }
        });
        enclosing.remove(type);
    }

    /** A list item or map value: its keys when it is a record, else the item itself gets the three values. */
    private static void element(ComponentFactory<?> factory, Type type, List<Object> at, Set<Class<?>> enclosing,
            List<Case> cases) {
        Class<?> raw = raw(type);
        if (raw.isRecord() && raw != ByteSize.class) {
            walk(factory, raw, at, enclosing, cases);
            return;
        }
        cases.add(new Case(factory, at, null));
        cases.add(new Case(factory, at, ""));
        wrongValue(type).ifPresent(value -> cases.add(new Case(factory, at, value)));
    }

    /** A map where a scalar belongs, a word where a number does, a scalar where a section or list does. */
    private static java.util.Optional<Object> wrongValue(Type type) {
        Class<?> raw = raw(type);
        if (raw == Object.class || raw == ConfigNode.class) {
            return java.util.Optional.empty(); // anything is right
        }
        if (raw == int.class || raw == long.class || raw == double.class || raw == Integer.class || raw == Long.class
                || raw == Double.class) {
            return java.util.Optional.of("not-a-number");
        }
        if ((raw.isRecord() && raw != ByteSize.class) || raw == List.class || raw == Map.class) {
            return java.util.Optional.of("a-scalar");
        }
        return java.util.Optional.of(Map.of("unexpected", "map"));
    }

    private static Object minimal(ComponentFactory<?> factory) {
        Object settings = new Yaml().load(REQUIRED.getOrDefault(section(factory), "{}"));
        return settings == null ? Map.of() : settings;
    }

    /**
     * The component in a traces pipeline with the otlp receiver and the debug exporter; a
     * component without traces is left out of the pipeline, where it is still bound and checked.
     */
    private static List<ConfigError> validate(ComponentFactory<?> factory, Object settings) {
        String id = factory.type() + "/" + NAME;
        boolean inPipeline = factory.signals().contains(Signal.TRACES);
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> traces = new LinkedHashMap<>();
        traces.put("receivers", List.of(inPipeline && factory.kind() == Kind.RECEIVER ? id : "otlp"));
        traces.put("processors", inPipeline && factory.kind() == Kind.PROCESSOR ? List.of(id) : List.of());
        traces.put("exporters", List.of(inPipeline && factory.kind() == Kind.EXPORTER ? id : "debug"));
        root.put("receivers", new LinkedHashMap<>(Map.of("otlp", Map.of("protocols", Map.of("grpc", Map.of("endpoint", "localhost:0"))))));
        root.put("exporters", new LinkedHashMap<>(Map.of("debug", Map.of())));
        root.put("processors", new LinkedHashMap<>());
        root.put("extensions", new LinkedHashMap<>());
        root.put("connectors", new LinkedHashMap<>());
        @SuppressWarnings("unchecked")
        Map<String, Object> section = (Map<String, Object>) root.get(factory.kind().section());
        section.put(id, settings);
        root.put("service", Map.of("extensions", factory.kind() == Kind.EXTENSION ? List.of(id) : List.of(),
                "pipelines", Map.of("traces", traces)));
        ConfigNode node = ConfigLoader.parse(new Yaml().dump(root), "config.yaml", name -> null);
        return Service.validate(node, COMPONENTS);
    }

    /** {@code base} with {@code value} set at {@code path}, creating maps and lists on the way; base is not changed. */
    @SuppressWarnings("unchecked")
    private static Object with(Object base, List<Object> path, int index, Object value) {
        if (index == path.size()) {
            return value;
        }
        Object step = path.get(index);
        if (step == ITEM) {
            List<Object> list = base instanceof List<?> items ? new ArrayList<>(items) : new ArrayList<>();
            Object item = with(list.isEmpty() ? null : list.get(0), path, index + 1, value);
            if (list.isEmpty()) {
                list.add(item);
            } else {
                list.set(0, item);
            }
            return list;
        }
        Map<String, Object> map = base instanceof Map<?, ?> entries ? new LinkedHashMap<>((Map<String, Object>) entries) : new LinkedHashMap<>();
        map.put((String) step, with(map.get(step), path, index + 1, value));
        return map;
    }

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> longer = new ArrayList<>(path);
        longer.add(step);
        return List.copyOf(longer);
    }

    private static String describe(List<Object> path) {
        StringBuilder text = new StringBuilder();
        for (Object step : path) {
            text.append(step == ITEM ? "[0]" : (text.length() == 0 ? "" : "::") + step);
        }
        return text.toString();
    }

    private static String describeValue(Object value) {
        return value == null ? "null" : value instanceof String s ? "'" + s + "'" : "a map";
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return type instanceof Class<?> c ? c : Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }
}
