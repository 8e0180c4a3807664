package io.tributary.core.net;

import io.tributary.config.Problems;
import java.time.Duration;
import java.util.List;

/**
 * Server-side {@code tls} settings, as in otelcol's configtls: the server certificate and key
 * ({@code reload_interval} re-reads them, for rotated certificates), {@code client_ca_file} to
 * require client certificates (mTLS), the protocol range and the TLS 1.2 cipher suites.
 * {@code ca_file} and {@code include_system_ca_certs_pool} are accepted as in otelcol, where they
 * only matter to clients.
 */
public record TlsServerConfig(
        String certFile,
        String keyFile,
        String caFile,
        String clientCaFile,
        String minVersion,
        String maxVersion,
        List<String> cipherSuites,
        boolean includeSystemCaCertsPool,
        Duration reloadInterval) {
    public static final TlsServerConfig DEFAULT = new TlsServerConfig(null, null, null, null, null, null, List.of(), false, null);

    public TlsServerConfig {
        cipherSuites = cipherSuites == null ? List.of() : List.copyOf(cipherSuites);
        Problems problems = new Problems();
        problems.when(reloadInterval != null && reloadInterval.isNegative(), "reload_interval", "must not be negative");
        problems.when((certFile == null) != (keyFile == null), certFile == null ? "key_file" : "cert_file",
                "TLS configuration must include both certificate and key (cert_file and key_file)");
        TlsVersions.check(problems, minVersion, maxVersion);
        problems.throwIfAny();
        TlsVersions.protocols(minVersion, maxVersion);
        TlsVersions.cipherSuites(cipherSuites);
    }
}
