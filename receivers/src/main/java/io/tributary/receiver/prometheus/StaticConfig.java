package io.tributary.receiver.prometheus;

import java.util.List;
import java.util.Map;

/** One {@code static_configs} group: target addresses and the labels they share. */
public record StaticConfig(List<String> targets, Map<String, String> labels) {
    public StaticConfig {
        targets = targets == null ? List.of() : List.copyOf(targets);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
