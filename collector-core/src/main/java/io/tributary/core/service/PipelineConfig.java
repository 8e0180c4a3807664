package io.tributary.core.service;

import java.util.List;

/** One pipeline: component IDs in order. Whether they exist is checked against the whole config, not here. */
public record PipelineConfig(List<String> receivers, List<String> processors, List<String> exporters) {
    public static final PipelineConfig DEFAULT = new PipelineConfig(List.of(), List.of(), List.of());

    public PipelineConfig {
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
        processors = processors == null ? List.of() : List.copyOf(processors);
        exporters = exporters == null ? List.of() : List.copyOf(exporters);
    }
}
