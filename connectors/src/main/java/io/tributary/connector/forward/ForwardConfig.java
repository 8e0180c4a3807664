package io.tributary.connector.forward;

/** The {@code forward} connector has no settings, as otelcol's. */
public record ForwardConfig() {
    public static final ForwardConfig DEFAULT = new ForwardConfig();
}
