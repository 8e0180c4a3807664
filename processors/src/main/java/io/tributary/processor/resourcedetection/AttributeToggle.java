package io.tributary.processor.resourcedetection;

/**
 * One entry of a detector's {@code resource_attributes}: whether the detector emits that attribute.
 *
 * @param enabled null when the entry does not say, which keeps the attribute's default
 */
public record AttributeToggle(Boolean enabled) {
}
