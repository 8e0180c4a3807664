package io.tributary.processor.resource;

import io.tributary.config.Validated;
import io.tributary.processor.attributes.actions.ActionConfig;
import io.tributary.processor.attributes.actions.AttributeActions;
import java.util.List;

/** The {@code resource} processor's settings, as otelcol's resourceprocessor: {@code attributes}, the actions (required). */
public record ResourceConfig(List<ActionConfig> attributes) implements Validated {
    public static final ResourceConfig DEFAULT = new ResourceConfig(List.of());

    public ResourceConfig {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    @Override
    public void validate() {
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("missing required field \"attributes\"");
        }
        AttributeActions.compile(attributes);
    }
}
