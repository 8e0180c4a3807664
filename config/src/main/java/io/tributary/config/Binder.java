package io.tributary.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Binds a config section to a typed Java record: the one place YAML becomes component config.
 *
 * <p>Rules: a record component {@code sendBatchSize} binds the key {@code send_batch_size} (or
 * the {@link Key} annotation's value). Keys absent from YAML keep the value of {@code defaults}.
 * A nested record whose default is null starts from that record type's {@code public static final
 * DEFAULT} field when it has one (so {@code grpc:} with no value enables gRPC with defaults).
 * Supported types: String, int/long/double/boolean and boxes, {@link java.time.Duration}
 * ({@code 200ms}, {@code 1m30s}, Go syntax), {@link ByteSize}, enums (case-insensitive, by name),
 * {@code List<T>}, {@code Map<String,T>}, nested records, and {@link ConfigNode} (raw). A
 * {@link Squash}ed record component's keys stand at its parent's level.
 * Unknown keys, wrong types, bad durations and anything thrown by a record's compact constructor,
 * a {@link FromString} factory or {@link Validated#validate()} become {@link ConfigError}s naming
 * the key path and line (each of several {@link Problems} at its own key); all errors of a
 * section are collected and thrown together as one {@link ConfigException}. A broken key stands
 * at its fallback while the record is still constructed, so its own checks on the other keys
 * are reported too.
 *
 * <p>Empty values follow otelcol: a YAML null for a key keeps the default, while a list item or
 * map value with no value is the type's zero value ({@code ""} for a string), and a value that is
 * only a {@code ${env:X}} expanding to nothing is {@code ""} for a string and zero for other
 * scalars.
 *
 * <p>Also: {@code Object} binds to plain Java values (String, List, Map, null); a list or map
 * with no value anywhere is empty, not null; an enum constant may carry a {@link Key} for its
 * spelling; a type with a {@link FromString} factory binds from a scalar through it.
 */
public final class Binder {
    private static final ClassValue<Optional<Method>> STRING_FACTORIES = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            for (Method method : type.getMethods()) {
                if (method.isAnnotationPresent(FromString.class) && Modifier.isStatic(method.getModifiers())
                        && method.getParameterCount() == 1 && method.getParameterTypes()[0] == String.class
                        && type.isAssignableFrom(method.getReturnType())) {
                    // Config types are often package-private in their component's package.
                    method.setAccessible(true);
                    return Optional.of(method);
                }
            }
            return Optional.empty();
        }
    };

    private final List<ConfigError> errors = new ArrayList<>();
    /** Where a whole record, list or map stands at its fallback because something in it was broken. */
    private final Set<String> fallbackPaths = new HashSet<>();

    private Binder() {
    }

    /**
     * @param node     the YAML section (may be a null node: then {@code defaults} is returned)
     * @param path     the key path of {@code node}, used in error messages, e.g. {@code receivers::otlp}
     * @param type     the record type to produce
     * @param defaults the values for absent keys (usually the factory's default config); when null,
     *                 the type's {@code DEFAULT} field, else null, 0 and false
     * @throws ConfigException listing every problem found in the section
     */
    public static <T> T bind(ConfigNode node, String path, Class<T> type, T defaults) {
        Bound<T> bound = bindAll(node, path, type, defaults);
        if (!bound.errors().isEmpty()) {
            throw new ConfigException(bound.errors());
        }
        return bound.value();
    }

    /**
     * As {@link #bind}, but returns the problems with the best value the binder could build: each
     * broken key at its fallback, so callers can still check what the section refers to.
     */
    public static <T> Bound<T> bindAll(ConfigNode node, String path, Class<T> type, T defaults) {
        Binder binder = new Binder();
        ConfigNode section = node != null ? node : ConfigNode.nullNode(Location.UNKNOWN);
        Object value = binder.value(section, path, type, defaults);
        // A section or key standing at its fallback (its defaults, an empty list) would fail
        // validate() for what the user did write; a broken scalar key does not.
        if (!binder.replaced(path) && value instanceof Validated validated) {
            try {
                validated.validate();
            } catch (RuntimeException e) {
                binder.failure(section, path, e, null);
            }
        }
        @SuppressWarnings("unchecked") // value() produced an instance of type, or defaults
        T result = (T) value;
        return new Bound<>(result, List.copyOf(binder.errors));
    }

    private boolean replaced(String path) {
        return fallbackPaths.stream().anyMatch(p -> p.equals(path)
                || (p.startsWith(path + "::") && p.indexOf("::", path.length() + 2) < 0));
    }

    /** A bound section and every problem found in it; the value is only partly the user's when there are problems. */
    public record Bound<T>(T value, List<ConfigError> errors) {
    }

    /**
     * The component values of a bound config record by the YAML key each binds, in declaration
     * order, so the service can look into sections it bound without knowing their types. An
     * embedded ({@link Squash}) record's keys stand in its place, as YAML writes them.
     */
    public static Map<String, Object> keyedValues(Record record) {
        RecordModel model = RecordModel.of(record.getClass());
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordModel.Component component : model.components()) {
            Object value = model.read(component, record);
            if (!component.squashed()) {
                values.put(component.key(), value);
            } else if (value != null) {
                values.putAll(keyedValues((Record) value));
            } else {
                component.embedded().keys().forEach(key -> values.put(key, null));
            }
        }
        return values;
    }

    /** The YAML keys of a config record type with the type each binds, in declaration order, embedded records' keys in their place. */
    public static Map<String, Type> keyTypes(Class<? extends Record> type) {
        Map<String, Type> types = new LinkedHashMap<>();
        for (RecordModel.Component component : RecordModel.of(type).components()) {
            if (component.squashed()) {
                @SuppressWarnings("unchecked") // RecordModel checked that a squashed component is a record
                Class<? extends Record> embedded = (Class<? extends Record>) component.type();
                types.putAll(keyTypes(embedded));
            } else {
                types.put(component.key(), component.type());
            }
        }
        return types;
    }

    /** Converts {@code node}; on an error records it and returns {@code fallback}. */
    private Object value(ConfigNode node, String path, Type type, Object fallback) {
        Class<?> raw = rawClass(type);
        if (raw == ConfigNode.class) {
            return node;
        }
        if (raw == Object.class) {
            return plain(node);
        }
        Method factory = STRING_FACTORIES.get(raw).orElse(null);
        if (factory != null && (node.kind() == ConfigNode.Kind.SCALAR || !raw.isRecord())) {
            return fromString(factory, node, path, fallback);
        }
        if (raw.isRecord() && !Scalars.supports(raw)) { // ByteSize is a record written as a scalar
            return record(node, path, raw, fallback);
        }
        if (node.isNull()) {
            // As otelcol: ${env:X} that expands to nothing is "" for a string and the zero value
            // of other scalars, while a YAML null leaves the key as it was.
            Object empty = node.isEmptyExpansion() ? Scalars.zero(raw) : null;
            return empty != null ? empty : fallback != null ? fallback : zero(raw);
        }
        if (raw == List.class) {
            return list(node, path, typeArgument(type, 0), fallback);
        }
        if (raw == Map.class) {
            return map(node, path, type, fallback);
        }
        if (!Scalars.supports(raw)) {
            throw new IllegalStateException("config type not supported by the binder: " + type.getTypeName() + " at " + path);
        }
        if (node.kind() != ConfigNode.Kind.SCALAR) {
            return mismatch(node, path, Scalars.describe(raw), fallback);
        }
        try {
            return Scalars.convert(node.scalar(), raw);
        } catch (RuntimeException e) {
            return failure(node, path, e, fallback);
        }
    }

    private Object fromString(Method factory, ConfigNode node, String path, Object fallback) {
        if (node.isNull()) {
            return fallback;
        }
        if (node.kind() != ConfigNode.Kind.SCALAR) {
            return mismatch(node, path, "a string", fallback);
        }
        try {
            return factory.invoke(null, node.scalar());
        } catch (InvocationTargetException e) {
            return failure(node, path, e.getCause(), fallback);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object record(ConfigNode node, String path, Class<?> type, Object fallback) {
        RecordModel model = RecordModel.of(type);
        Object base = fallback != null ? fallback : model.defaultValue();
        if (node.isNull()) {
            // A bare "grpc:" means "on, with defaults"; with no default at all, build from zero values.
            return base != null ? base : record(ConfigNode.emptyMap(node.location()), path, type, null);
        }
        if (node.kind() != ConfigNode.Kind.MAP) {
            return replaced(node, path, "a map", base);
        }
        Fields fields = new Fields(model, base);
        Set<String> brokenKeys = new HashSet<>();
        node.entries().forEach((key, child) -> {
            String childPath = join(path, key);
            Fields owner = fields.owner(key);
            int errorsBefore = errors.size();
            if (owner == null) {
                List<String> keys = model.keys();
                String hint = Suggestions.closest(key, keys)
                        .map(closest -> " (did you mean '" + closest + "'?)")
                        .orElse("; valid keys: " + String.join(", ", keys));
                error(child, childPath, "unknown key '" + key + "'" + hint, null);
            } else {
                RecordModel.Component component = owner.model.component(key);
                owner.values[component.index()] = value(child, childPath, component.type(), owner.values[component.index()]);
            }
            if (errors.size() > errorsBefore) {
                brokenKeys.add(key);
            }
        });
        return construct(fields, node, path, brokenKeys);
    }

    /**
     * Builds a record from its bound fields, its embedded records first; each record's checks
     * report at {@code path}, the level where YAML writes the keys of all of them.
     */
    private Object construct(Fields fields, ConfigNode node, String path, Set<String> brokenKeys) {
        fields.embedded.forEach((index, embedded) -> fields.values[index] = construct(embedded, node, path, brokenKeys));
        // Broken keys hold their fallbacks, so the record's own checks on the other keys still run.
        try {
            return fields.model.construct(fields.values);
        } catch (RuntimeException e) {
            fallbackPaths.add(path);
            if (brokenKeys.isEmpty()) {
                return failure(node, path, e, fields.base);
            }
            // A check that may have tripped on a fallback is not the user's problem: keep only
            // the problems a constructor pins on keys that bound well.
            if (e instanceof Problems.Invalid invalid) {
                invalid.problems().stream().filter(problem -> !brokenKeys.contains(problem.key()))
                        .forEach(problem -> problem(node, path, problem));
            }
            return fields.base;
        }
    }

    /** The values a record is built from while its keys are bound, with those of each record it embeds. */
    private static final class Fields {
        final RecordModel model;
        final Object base;
        final Object[] values;
        final Map<Integer, Fields> embedded = new LinkedHashMap<>();

        Fields(RecordModel model, Object base) {
            this.model = model;
            this.base = base;
            values = new Object[model.size()];
            for (RecordModel.Component component : model.components()) {
                Object value = base != null ? model.read(component, base) : null;
                if (component.squashed()) {
                    RecordModel inner = component.embedded();
                    embedded.put(component.index(), new Fields(inner, value != null ? value : inner.defaultValue()));
                } else {
                    values[component.index()] = base != null ? value : zero(rawClass(component.type()));
                }
            }
        }

        /** The fields binding {@code key}: these or an embedded record's; null when no record has the key. */
        Fields owner(String key) {
            if (model.component(key) != null) {
                return this;
            }
            for (Fields inner : embedded.values()) {
                Fields owner = inner.owner(key);
                if (owner != null) {
                    return owner;
                }
            }
            return null;
        }
    }

    private Object list(ConfigNode node, String path, Type itemType, Object fallback) {
        if (node.kind() != ConfigNode.Kind.LIST) {
            return replaced(node, path, "a list", fallback);
        }
        int errorsBefore = errors.size();
        List<Object> items = new ArrayList<>();
        for (ConfigNode item : node.items()) {
            items.add(element(item, path + "[" + items.size() + "]", itemType));
        }
        return errors.size() > errorsBefore ? brokenCollection(path, fallback) : Collections.unmodifiableList(items);
    }

    private Object map(ConfigNode node, String path, Type type, Object fallback) {
        Class<?> keyType = rawClass(typeArgument(type, 0));
        if (keyType != String.class && keyType != Object.class) {
            throw new IllegalStateException("config maps must have String keys: " + type.getTypeName() + " at " + path);
        }
        if (node.kind() != ConfigNode.Kind.MAP) {
            return replaced(node, path, "a map", fallback);
        }
        int errorsBefore = errors.size();
        Type valueType = typeArgument(type, 1);
        Map<String, Object> entries = new LinkedHashMap<>();
        node.entries().forEach((key, child) -> entries.put(key, element(child, join(path, key), valueType)));
        return errors.size() > errorsBefore ? brokenCollection(path, fallback) : Collections.unmodifiableMap(entries);
    }

    /** A list item or map value: written with no value, it is the type's zero value ("" for a string), as in otelcol. */
    private Object element(ConfigNode node, String path, Type type) {
        Class<?> raw = rawClass(type);
        if (node.isNull() && !raw.isRecord() && STRING_FACTORIES.get(raw).isPresent()) {
            // A type parsed from a string has Go's "" as its zero value, which its parser then judges.
            return value(ConfigNode.quotedScalar("", node.location()), path, type, null);
        }
        Object value = value(node, path, type, null);
        return value == null && node.isNull() ? Scalars.zero(raw) : value;
    }

    private static Object plain(ConfigNode node) {
        return switch (node.kind()) {
            case NULL -> null;
            case SCALAR -> node.scalar();
            case LIST -> node.items().stream().map(Binder::plain).toList();
            case MAP -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                node.entries().forEach((key, child) -> entries.put(key, plain(child)));
                yield Collections.unmodifiableMap(entries);
            }
        };
    }

    /** A record, list or map of the wrong kind: its fallback stands in for all of it. */
    private Object replaced(ConfigNode node, String path, String expected, Object fallback) {
        fallbackPaths.add(path);
        return mismatch(node, path, expected, fallback);
    }

    /**
     * A list or map with a broken element keeps its fallback whole: a record must not receive a
     * collection with holes (nulls) for the error already reported.
     */
    private Object brokenCollection(String path, Object fallback) {
        fallbackPaths.add(path);
        return fallback;
    }

    private Object mismatch(ConfigNode node, String path, String expected, Object fallback) {
        return error(node, path, "expected " + expected + ", got " + ConfigLoader.describe(node), fallback);
    }

    /**
     * What a record's constructor, a {@link FromString} factory or {@link Validated#validate()}
     * threw, as errors at {@code path}: each of several {@link Problems} at its key, an argument's message,
     * or for anything else a sentence naming the failure, never a stack trace.
     */
    private Object failure(ConfigNode node, String path, Throwable thrown, Object fallback) {
        if (thrown instanceof Problems.Invalid invalid) {
            invalid.problems().forEach(problem -> problem(node, path, problem));
            return fallback;
        }
        if (thrown instanceof IllegalArgumentException && thrown.getMessage() != null) {
            return error(node, path, thrown.getMessage(), fallback);
        }
        String detail = thrown.getMessage() == null ? "" : ": " + thrown.getMessage();
        return error(node, path, "invalid value (" + thrown.getClass().getSimpleName() + detail + ")", fallback);
    }

    private void problem(ConfigNode node, String path, Problems.Problem problem) {
        ConfigNode at = node.get(problem.key());
        error(at != null ? at : node, join(path, problem.key()), problem.message(), null);
    }

    private Object error(ConfigNode node, String path, String message, Object fallback) {
        errors.add(new ConfigError(node.location(), path, message));
        return fallback;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "::" + key;
    }

    /** What a value is when neither YAML nor defaults give one: Go's zero values, with empty collections for nil. */
    private static Object zero(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == List.class) {
            return List.of();
        }
        return type == Map.class ? Map.of() : null;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w) {
            return rawClass(w.getUpperBounds()[0]);
        }
        throw new IllegalStateException("config type not supported by the binder: " + type.getTypeName());
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }
}
