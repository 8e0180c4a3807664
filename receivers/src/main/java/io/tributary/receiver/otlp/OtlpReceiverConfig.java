package io.tributary.receiver.otlp;

import io.tributary.config.Validated;

/**
 * {@code receivers: otlp:}. As in otelcol, a protocol runs only when its section is written
 * ({@code grpc:} with no value runs it with defaults) and at least one must be.
 */
public record OtlpReceiverConfig(Protocols protocols) implements Validated {
    /** Neither protocol: otelcol has no protocol enabled until the config names one. */
    public static final OtlpReceiverConfig DEFAULT = new OtlpReceiverConfig(null);

    static final String NO_PROTOCOL = "must specify at least one protocol when using the OTLP receiver";

    /** An {@code otlp:} without {@code protocols} (a written one is checked by {@link Protocols}). */
    @Override
    public void validate() {
        if (protocols == null) {
            throw new IllegalArgumentException(NO_PROTOCOL);
        }
    }
}
