package io.tributary.processor.k8sattributes.kube;

import java.util.List;

/**
 * What names a pod in the store and in a lookup: the value of each source of one association, in
 * order (otelcol's pod identifier). Two identifiers are the same key when every source and value is.
 */
public record PodIdentifier(List<Part> parts) {
    public static final String CONNECTION = "connection";
    public static final String RESOURCE_ATTRIBUTE = "resource_attribute";

    /** One source's value: {@code from} connection (no name) or resource_attribute with the attribute's {@code name}. */
    public record Part(String from, String name, String value) {
    }

    public PodIdentifier {
        parts = List.copyOf(parts);
    }

    public static PodIdentifier connection(String ip) {
        return new PodIdentifier(List.of(new Part(CONNECTION, "", ip)));
    }

    public static PodIdentifier attribute(String name, String value) {
        return new PodIdentifier(List.of(new Part(RESOURCE_ATTRIBUTE, name, value)));
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }
}
