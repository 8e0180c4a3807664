package io.tributary.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a loaded configuration tree that remembers where it was written. Scalars are kept
 * as strings (after {@code ${env:...}} expansion); the {@link Binder} converts them to the type
 * a component's config record asks for. Immutable.
 */
public final class ConfigNode {
    public enum Kind { MAP, LIST, SCALAR, NULL }

    private final Kind kind;
    private final Location location;
    private final String scalar;
    private final Map<String, ConfigNode> map;
    private final List<ConfigNode> list;
    private final boolean quoted;

    private ConfigNode(Kind kind, Location location, String scalar, Map<String, ConfigNode> map, List<ConfigNode> list, boolean quoted) {
        this.kind = kind;
        this.location = location;
        this.scalar = scalar;
        this.map = map;
        this.list = list;
        this.quoted = quoted;
    }

    private ConfigNode(Kind kind, Location location, String scalar, Map<String, ConfigNode> map, List<ConfigNode> list) {
        this(kind, location, scalar, map, list, false);
    }

    public static ConfigNode scalar(String value, Location location) {
        return new ConfigNode(Kind.SCALAR, location, value, Map.of(), List.of());
    }

    /** A scalar written in quotes or block style, which YAML never reads as a number or boolean. */
    public static ConfigNode quotedScalar(String value, Location location) {
        return new ConfigNode(Kind.SCALAR, location, value, Map.of(), List.of(), true);
    }

    public static ConfigNode nullNode(Location location) {
        return new ConfigNode(Kind.NULL, location, null, Map.of(), List.of());
    }

    /**
     * A value that was only a {@code ${...}} reference expanding to nothing: absent for a section,
     * but otelcol makes it "" for a string and the zero value of other scalars.
     */
    public static ConfigNode emptyExpansion(Location location) {
        return new ConfigNode(Kind.NULL, location, "", Map.of(), List.of());
    }

    /** Keeps the entries' order. */
    public static ConfigNode map(Map<String, ConfigNode> entries, Location location) {
        return new ConfigNode(Kind.MAP, location, null, Collections.unmodifiableMap(new LinkedHashMap<>(entries)), List.of());
    }

    public static ConfigNode list(List<ConfigNode> items, Location location) {
        return new ConfigNode(Kind.LIST, location, null, Map.of(), List.copyOf(items));
    }

    public static ConfigNode emptyMap(Location location) {
        return map(Map.of(), location);
    }

    public Kind kind() {
        return kind;
    }

    public Location location() {
        return location;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** See {@link #emptyExpansion(Location)}. */
    public boolean isEmptyExpansion() {
        return kind == Kind.NULL && scalar != null;
    }

    /** The scalar text; only for {@link Kind#SCALAR}. */
    public String scalar() {
        if (kind != Kind.SCALAR) {
            throw new IllegalStateException("not a scalar: " + kind);
        }
        return scalar;
    }

    /**
     * Whether the scalar was quoted (or a block scalar): such text is a string, while plain text
     * such as {@code 42} or {@code true} is, for a value of any type (an attribute value), a number
     * or boolean, as in Go's YAML decoding.
     */
    public boolean quoted() {
        return quoted;
    }

    /** Entries of a map in the order written; empty for a null node. */
    public Map<String, ConfigNode> entries() {
        return map;
    }

    /** Items of a list; empty for a null node. */
    public List<ConfigNode> items() {
        return list;
    }

    /** The child under {@code key}, or null when absent or this is not a map. */
    public ConfigNode get(String key) {
        return map.get(key);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case SCALAR -> scalar;
            case NULL -> "null";
            case MAP -> map.toString();
            case LIST -> list.toString();
        };
    }
}
