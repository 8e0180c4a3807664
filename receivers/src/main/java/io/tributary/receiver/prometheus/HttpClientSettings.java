package io.tributary.receiver.prometheus;

import io.tributary.config.Problems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The HTTP client keys of a scrape config (Prometheus' {@code HTTPClientConfig}, written inline
 * in the scrape config), with its checks and wording. The {@code Object} keys are accepted and
 * have no effect.
 */
public record HttpClientSettings(
        BasicAuth basicAuth,
        Authorization authorization,
        String bearerToken,
        String bearerTokenFile,
        TlsSettings tlsConfig,
        boolean followRedirects,
        Object enableHttp2,
        Object oauth2,
        Object proxyUrl,
        Object noProxy,
        Object proxyFromEnvironment,
        Object proxyConnectHeader,
        Object httpHeaders) {
    public static final HttpClientSettings DEFAULT = new HttpClientSettings(null, null, null, null, TlsSettings.DEFAULT, true,
            null, null, null, null, null, null, null);

    public HttpClientSettings {
        if (tlsConfig == null) {
            tlsConfig = TlsSettings.DEFAULT;
        }
        Problems problems = new Problems();
        boolean bearer = present(bearerToken) || present(bearerTokenFile);
        problems.when(present(bearerToken) && present(bearerTokenFile), "bearer_token",
                "at most one of bearer_token & bearer_token_file must be configured");
        problems.when((basicAuth != null || oauth2 != null) && bearer, "basic_auth",
                "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
        if (authorization != null) {
            problems.when(bearer, "authorization", "authorization is not compatible with bearer_token & bearer_token_file");
            problems.when(basicAuth != null || oauth2 != null, "authorization",
                    "at most one of basic_auth, oauth2 & authorization must be configured");
        }
        problems.when(oauth2 != null && basicAuth != null, "oauth2", "at most one of basic_auth, oauth2 & authorization must be configured");
        problems.throwIfAny();
    }

    /** {@code basic_auth}: the password (or its file, read at each scrape) with the username. */
    public record BasicAuth(String username, String usernameFile, String password, String passwordFile) {
        public BasicAuth {
            Problems problems = new Problems();
            problems.when(present(username) && present(usernameFile), "username",
                    "at most one of basic_auth username, username_file & username_ref must be configured");
            problems.when(present(password) && present(passwordFile), "password",
                    "at most one of basic_auth password, password_file & password_ref must be configured");
            problems.throwIfAny();
        }
    }

    /** {@code authorization}: {@code Authorization: <type> <credentials>}, the credentials (or their file) read at each scrape. */
    public record Authorization(String type, String credentials, String credentialsFile) {
        public Authorization {
            if (type == null || type.isEmpty()) {
                type = "Bearer";
            }
            Problems problems = new Problems();
            problems.when(present(credentials) && present(credentialsFile), "credentials",
                    "at most one of authorization credentials & credentials_file must be configured");
            problems.when(type.toLowerCase(Locale.ROOT).equals("basic"), "type",
                    "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
            // otelcol checks the file when it validates the config.
            problems.when(present(credentialsFile) && !Files.exists(Path.of(credentialsFile)), "credentials_file",
                    "error checking authorization credentials file \"" + credentialsFile + "\": no such file");
            problems.throwIfAny();
        }
    }

    /** {@code tls_config}, Prometheus' client TLS keys. */
    public record TlsSettings(
            String ca,
            String caFile,
            String cert,
            String certFile,
            String key,
            String keyFile,
            String serverName,
            boolean insecureSkipVerify,
            String minVersion,
            String maxVersion) {
        public static final TlsSettings DEFAULT = new TlsSettings(null, null, null, null, null, null, null, false, null, null);

        public TlsSettings {
            Problems problems = new Problems();
            problems.when(present(ca) && present(caFile), "ca_file", "at most one of ca, ca_file & ca_ref must be configured");
            problems.when(present(cert) && present(certFile), "cert_file", "at most one of cert, cert_file & cert_ref must be configured");
            problems.when(present(key) && present(keyFile), "key_file", "at most one of key and key_file must be configured");
            boolean withCert = present(cert) || present(certFile);
            boolean withKey = present(key) || present(keyFile);
            problems.when(withCert && !withKey, "cert_file",
                    "exactly one of key or key_file must be configured when a client certificate is configured");
            problems.when(withKey && !withCert, "key_file",
                    "exactly one of cert or cert_file must be configured when a client key is configured");
            // otelcol checks these files when it validates the config.
            problems.when(present(certFile) && !Files.exists(Path.of(certFile)), "cert_file",
                    "error checking client cert file \"" + certFile + "\": no such file");
            problems.when(present(keyFile) && !Files.exists(Path.of(keyFile)), "key_file",
                    "error checking client key file \"" + keyFile + "\": no such file");
            problems.when(TlsVersion.of(minVersion) == null, "min_version", "unknown TLS version: " + minVersion);
            problems.when(TlsVersion.of(maxVersion) == null, "max_version", "unknown TLS version: " + maxVersion);
            problems.throwIfAny();
        }
    }

    /** Prometheus' TLS version names and the JDK's protocol for each. */
    enum TlsVersion {
        TLS10("TLSv1"), TLS11("TLSv1.1"), TLS12("TLSv1.2"), TLS13("TLSv1.3");

        final String protocol;

        TlsVersion(String protocol) {
            this.protocol = protocol;
        }

        /** The version named {@code name}, {@link #TLS12} (Go's client minimum) for none, or null when unknown. */
        static TlsVersion of(String name) {
            if (name == null || name.isEmpty()) {
                return TLS12;
            }
            for (TlsVersion version : values()) {
                if (version.name().equals(name)) {
                    return version;
                }
            }
            return null;
        }
    }

    static boolean present(String value) {
        return value != null && !value.isEmpty();
    }
}
