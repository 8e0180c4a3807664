package io.tributary.core.net;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Turns a server {@code tls} section into a Netty {@link SslContext}, shared by
 * {@link HttpServer} and the gRPC servers (which add their ALPN settings before building). The
 * certificate comes from a {@link ReloadingKeyManager}, so the one context serves rotated files.
 */
public final class ServerTls {
    private ServerTls() {
    }

    /**
     * @param configure protocol-specific additions, e.g. {@code GrpcSslContexts::configure}
     * @return null for plaintext (no section, or neither {@code cert_file} nor {@code key_file})
     * @throws IllegalArgumentException naming the file that is missing, unreadable or not PEM
     */
    public static SslContext context(TlsServerConfig tls, UnaryOperator<SslContextBuilder> configure) {
        if (tls == null || (tls.certFile() == null && tls.keyFile() == null)) {
            return null;
        }
        File cert = readable("cert_file", tls.certFile());
        File key = readable("key_file", tls.keyFile());
        File clientCa = tls.clientCaFile() == null ? null : readable("client_ca_file", tls.clientCaFile());
        List<String> protocols = TlsVersions.protocols(tls.minVersion(), tls.maxVersion());
        List<String> ciphers = TlsVersions.cipherSuites(tls.cipherSuites());
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(
                    new ReloadingKeyManager(cert, key, tls.reloadInterval(), System::nanoTime));
            if (clientCa != null) {
                builder.trustManager(clientCa).clientAuth(ClientAuth.REQUIRE);
            }
            if (protocols != null) {
                builder.protocols(protocols);
            }
            if (ciphers != null) {
                builder.ciphers(ciphers);
            }
            return configure.apply(builder).build();
        } catch (Exception e) {
            throw new IllegalArgumentException("tls: cannot load cert_file '" + tls.certFile() + "', key_file '"
                    + tls.keyFile() + "'" + (clientCa == null ? "" : " or client_ca_file '" + tls.clientCaFile() + "'")
                    + ": " + e.getMessage(), e);
        }
    }

    private static File readable(String key, String path) {
        if (!Files.isReadable(Path.of(path))) {
            throw new IllegalArgumentException("tls: cannot read " + key + " '" + path + "'");
        }
        return new File(path);
    }
}
