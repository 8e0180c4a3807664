package io.tributary.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Embeds a record component's keys at its parent's level, as Go's {@code mapstructure:",squash"}
 * does: a config that shares a key set (otelcol's {@code configgrpc} client, {@code confighttp}
 * server) holds it as one component, while YAML writes those keys beside the parent's own. The
 * component has no key of its own; its record's keys are bound, reported ({@code parent::key})
 * and suggested as the parent's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Squash {
}
