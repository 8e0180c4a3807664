package io.tributary.core.service;

import io.tributary.core.component.Kind;
import java.util.List;

/** One pipeline: component IDs in order. Whether they exist is checked against the whole config, not here. */
public record PipelineConfig(List<String> receivers, List<String> processors, List<String> exporters) {
    public static final PipelineConfig DEFAULT = new PipelineConfig(List.of(), List.of(), List.of());

    public PipelineConfig {
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
        processors = processors == null ? List.of() : List.copyOf(processors);
        exporters = exporters == null ? List.of() : List.copyOf(exporters);
    }

    /** The IDs as written under the list of {@code kind}'s section name. */
    List<String> ids(Kind kind) {
        return switch (kind) {
            case RECEIVER -> receivers;
            case PROCESSOR -> processors;
            case EXPORTER -> exporters;
            case CONNECTOR, EXTENSION -> List.of();
        };
    }
}
