package io.tributary.processor.attributes.actions;

import io.tributary.config.ConfigNode;
import io.tributary.config.Key;

/**
 * One entry of otelcol's {@code actions} list (attraction.ActionKeyValue). {@code value} keeps its
 * YAML node so that {@code 2245} inserts an int and {@code "2245"} a string. The checks of which
 * keys an action takes are made with the action's position, by {@link AttributeActions#compile}.
 */
public record ActionConfig(
        String key,
        ConfigNode value,
        String pattern,
        String fromAttribute,
        String fromContext,
        String convertedType,
        @Key("action") ActionType action) {

    /** What an action does; written in any case in config, as otelcol lower-cases it. */
    public enum ActionType {
        INSERT, UPDATE, UPSERT, DELETE, HASH, EXTRACT, CONVERT
    }

    public ActionConfig {
        key = key == null ? "" : key;
        value = value == null || value.isNull() ? null : value;
        pattern = pattern == null ? "" : pattern;
        fromAttribute = fromAttribute == null ? "" : fromAttribute;
        fromContext = fromContext == null ? "" : fromContext;
        convertedType = convertedType == null ? "" : convertedType;
    }
}
