package io.tributary.core.net;

import io.tributary.config.Problems;

/**
 * Client-side {@code tls} settings, as in otelcol's configtls. {@code insecure: true} means
 * plaintext; {@code insecure_skip_verify} keeps TLS but trusts any server certificate;
 * {@code min_version} and {@code max_version} bound the protocol versions offered.
 */
public record TlsClientConfig(
        boolean insecure,
        String caFile,
        String certFile,
        String keyFile,
        boolean insecureSkipVerify,
        String serverNameOverride,
        String minVersion,
        String maxVersion) {
    public static final TlsClientConfig DEFAULT = new TlsClientConfig(false, null, null, null, false, null, null, null);

    public TlsClientConfig {
        Problems problems = new Problems();
        problems.when((certFile == null) != (keyFile == null), certFile == null ? "key_file" : "cert_file",
                "TLS configuration must include both certificate and key (cert_file and key_file)");
        TlsVersions.check(problems, minVersion, maxVersion);
        problems.throwIfAny();
        TlsVersions.protocols(minVersion, maxVersion);
    }
}
