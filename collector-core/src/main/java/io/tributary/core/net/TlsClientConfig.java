package io.tributary.core.net;

/**
 * Client-side {@code tls} settings, as in otelcol's configtls. {@code insecure: true} means
 * plaintext; {@code insecure_skip_verify} keeps TLS but trusts any server certificate.
 */
public record TlsClientConfig(
        boolean insecure,
        String caFile,
        String certFile,
        String keyFile,
        boolean insecureSkipVerify,
        String serverNameOverride,
        String minVersion) {
    public static final TlsClientConfig DEFAULT = new TlsClientConfig(false, null, null, null, false, null, null);

    public TlsClientConfig {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("TLS configuration must include both certificate and key (cert_file and key_file)");
        }
    }
}
