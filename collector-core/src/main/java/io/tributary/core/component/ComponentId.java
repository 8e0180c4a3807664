package io.tributary.core.component;

/** A component ID as written in config: {@code type} or {@code type/name}. {@link #toString()} gives it back as written. */
public record ComponentId(String type, String name) {
    public ComponentId {
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("component ID has an empty type");
        }
        name = name == null ? "" : name;
    }

    public static ComponentId parse(String id) {
        int slash = id.indexOf('/');
        if (slash < 0) {
            return new ComponentId(id.trim(), "");
        }
        String name = id.substring(slash + 1).trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("component ID '" + id + "' has an empty name after '/'");
        }
        return new ComponentId(id.substring(0, slash).trim(), name);
    }

    @Override
    public String toString() {
        return name.isEmpty() ? type : type + "/" + name;
    }
}
