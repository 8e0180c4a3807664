package io.tributary.processor.attributes;

import io.tributary.config.Validated;
import io.tributary.processor.attributes.actions.ActionConfig;
import io.tributary.processor.attributes.actions.AttributeActions;
import io.tributary.processor.filtermatch.MatchProperties;
import java.util.List;

/**
 * The {@code attributes} processor's settings, as otelcol's attributesprocessor: {@code actions}
 * (required) applied in order to the attributes of each span, log record or metric data point
 * that passes {@code include} and {@code exclude} (both optional). Which match keys a signal takes
 * is checked per pipeline, as otelcol checks it when it creates the processor
 * ({@link AttributesProcessorFactory#checkFor}).
 */
public record AttributesConfig(MatchProperties include, MatchProperties exclude, List<ActionConfig> actions) implements Validated {
    public static final AttributesConfig DEFAULT = new AttributesConfig(null, null, List.of());

    public AttributesConfig {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** Also compiles the actions, so that {@code validate} reports what creating would refuse. */
    @Override
    public void validate() {
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("missing required field \"actions\"");
        }
        AttributeActions.compile(actions);
    }
}
