package io.tributary.core.component;

/** The kinds of component, named as the top-level config sections. */
public enum Kind {
    RECEIVER("receivers"), PROCESSOR("processors"), EXPORTER("exporters"), CONNECTOR("connectors"), EXTENSION("extensions");

    private final String section;

    Kind(String section) {
        this.section = section;
    }

    /** The config section holding this kind, e.g. {@code receivers}. */
    public String section() {
        return section;
    }
}
