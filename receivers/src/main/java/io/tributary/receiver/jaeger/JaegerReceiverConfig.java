package io.tributary.receiver.jaeger;

import io.tributary.config.Validated;

/**
 * {@code receivers: jaeger:}. As in otelcol, a protocol runs only when its section is written and
 * at least one must be. {@code remote_sampling} (a sampling-strategy proxy that otelcol has since
 * removed) is recognised only to refuse it with a clear message rather than a bare unknown key.
 */
public record JaegerReceiverConfig(JaegerProtocols protocols, Object remoteSampling) implements Validated {
    public static final JaegerReceiverConfig DEFAULT = new JaegerReceiverConfig(null, null);

    static final String NO_PROTOCOL = "must specify at least one protocol when using the Jaeger receiver";

    @Override
    public void validate() {
        if (remoteSampling != null) {
            throw new IllegalArgumentException("remote_sampling is not supported: serve sampling strategies from a Jaeger collector");
        }
        if (protocols == null) {
            throw new IllegalArgumentException(NO_PROTOCOL);
        }
    }
}
