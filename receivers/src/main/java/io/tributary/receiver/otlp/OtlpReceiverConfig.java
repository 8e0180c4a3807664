package io.tributary.receiver.otlp;

/**
 * {@code receivers: otlp:}. As in otelcol, a protocol runs only when its section is written
 * ({@code grpc:} with no value runs it with defaults) and at least one must be.
 */
public record OtlpReceiverConfig(Protocols protocols) {
    /**
     * Neither protocol: otelcol has no protocol enabled until the config names one. The Binder
     * rebuilds the record from YAML, so a written {@code protocols} section is checked by
     * {@link Protocols}; an {@code otlp:} without one is refused when the receiver is created.
     */
    public static final OtlpReceiverConfig DEFAULT = new OtlpReceiverConfig(null);

    static final String NO_PROTOCOL = "must specify at least one protocol when using the OTLP receiver";

    /** The protocols, or a config error when none is written. */
    Protocols requireProtocols() {
        if (protocols == null) {
            throw new IllegalArgumentException(NO_PROTOCOL);
        }
        return protocols;
    }
}
