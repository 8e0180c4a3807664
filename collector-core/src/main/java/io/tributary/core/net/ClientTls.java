package io.tributary.core.net;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.util.List;

/** A client's {@code tls} settings (otelcol's configtls) applied to a Netty SSL context builder: an exporter's, or the self-metrics push's. */
public final class ClientTls {
    private ClientTls() {
    }

    /**
     * @param builder a client builder: gRPC's (with ALPN for HTTP/2) or a plain one
     * @throws IllegalArgumentException for unreadable files, a lone cert or key, or an unknown min_version or max_version
     */
    public static SslContext build(SslContextBuilder builder, TlsClientConfig tls) throws Exception {
        if (tls.insecureSkipVerify()) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (tls.caFile() != null && !tls.caFile().isEmpty()) {
            builder.trustManager(readable(tls.caFile(), "ca_file"));
        }
        boolean cert = tls.certFile() != null && !tls.certFile().isEmpty();
        boolean key = tls.keyFile() != null && !tls.keyFile().isEmpty();
        if (cert != key) {
            throw new IllegalArgumentException("tls: cert_file and key_file must be given together");
        }
        if (cert) {
            builder.keyManager(readable(tls.certFile(), "cert_file"), readable(tls.keyFile(), "key_file"));
        }
        List<String> protocols = protocols(tls);
        if (protocols != null) {
            builder.protocols(protocols);
        }
        return builder.build();
    }

    /** The TLS protocol versions {@code min_version} and {@code max_version} allow, or null for the JDK's defaults. */
    public static List<String> protocols(TlsClientConfig tls) {
        return TlsVersions.protocols(tls.minVersion(), tls.maxVersion());
    }

    private static File readable(String path, String key) {
        File file = new File(path);
        if (!file.canRead()) {
            throw new IllegalArgumentException("tls: cannot read " + key + " " + path);
        }
        return file;
    }
}
