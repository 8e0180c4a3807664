package io.tributary.core.net;

import io.tributary.config.ByteSize;

/** confighttp's {@code max_request_body_size}, the same for every HTTP receiver. */
public final class BodyLimit {
    /** otelcol's default; also what 0 (or an absent key) means. */
    public static final ByteSize DEFAULT = ByteSize.ofMebibytes(20);

    private BodyLimit() {
    }

    /**
     * The configured limit with 0 meaning the default.
     *
     * @throws IllegalArgumentException when it does not fit the server's int-sized aggregation
     */
    public static ByteSize resolve(ByteSize configured) {
        if (configured == null || configured.bytes() == 0) {
            return DEFAULT;
        }
        if (configured.bytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max_request_body_size must be below 2 GiB");
        }
        return configured;
    }
}
