package io.tributary.core.net;

import io.tributary.config.Key;

/**
 * Server-side {@code tls} settings, as in otelcol's configtls: the server certificate and key,
 * and {@code client_ca_file} to require client certificates (mTLS).
 */
public record TlsServerConfig(
        String certFile,
        String keyFile,
        String caFile,
        String clientCaFile,
        String minVersion,
        @Key("reload_interval") java.time.Duration reloadInterval) {
    public static final TlsServerConfig DEFAULT = new TlsServerConfig(null, null, null, null, null, null);
}
