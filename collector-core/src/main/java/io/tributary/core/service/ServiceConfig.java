package io.tributary.core.service;

import io.tributary.core.telemetry.TelemetryConfig;
import java.util.List;
import java.util.Map;

/** The {@code service} section: which extensions run, the pipelines by ID, and self-telemetry. */
public record ServiceConfig(List<String> extensions, Map<String, PipelineConfig> pipelines, TelemetryConfig telemetry) {
    public static final ServiceConfig DEFAULT = new ServiceConfig(List.of(), Map.of(), TelemetryConfig.DEFAULT);

    public ServiceConfig {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        pipelines = pipelines == null ? Map.of() : pipelines;
        telemetry = telemetry == null ? TelemetryConfig.DEFAULT : telemetry;
    }
}
